package io.dhm.confirm;

import io.dhm.check.CustomChecks;
import io.dhm.decide.AlertMemory;
import io.dhm.foundation.FoundationConfiguration;
import io.dhm.rootcause.RootCause;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;

/**
 * Route confirm.camel.yaml: the pending waits (in the monitor's database, so a restart or the other instance of a pair
 * resumes them), the recheck when a wait ends, and the confirmations that failed.
 */
public class ConfirmConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final CustomChecks customChecks;
    private final AlertMemory alertMemory;
    private final RootCause rootCause;
    private final ConfirmDeadLetters.StoredAlerts storedAlerts;
    private final ConfirmWait confirmWait;
    /** The pending waits, in the monitor's database (a pair's shared one). */
    public static final String WAITS_TABLE = "dhm_confirmations";

    private final JdbcAggregationRepository database;
    private final StoredWaits confirmations;

    /** @param storedAlerts whether an alert reached the outbox, which a confirmation that gave up needs to know */
    public ConfirmConfiguration(FoundationConfiguration foundation, CustomChecks customChecks, AlertMemory alertMemory,
                                RootCause rootCause, ConfirmDeadLetters.StoredAlerts storedAlerts) {
        this.foundation = foundation;
        this.customChecks = customChecks;
        this.alertMemory = alertMemory;
        this.rootCause = rootCause;
        this.storedAlerts = storedAlerts;
        this.confirmWait = new ConfirmWait(foundation.settings().confirmWait(), foundation.clock());
        this.database = waitsIn(foundation.database().dataSource());
        // A completed confirmation the monitor died in the middle of is re-run after a restart, each time with the
        // route's own bounded retries; these bound how often that can happen before it is dead-lettered.
        this.database.setUseRecovery(true);
        this.database.setMaximumRedeliveries(foundation.settings().confirmMaximumRedeliveries());
        this.database.setDeadLetterUri("direct:confirm-dead-letter");
        this.confirmations = new StoredWaits(database);
    }

    /**
     * The pending waits in the monitor's database (tables dhm_confirmations and dhm_confirmations_completed): the H2
     * file in DATA_DIR, or a pair's shared PostgreSQL, so that the instance that takes over finishes the waits of the
     * one that died.
     */
    private static JdbcAggregationRepository waitsIn(DataSource dataSource) {
        // the plain JDBC repository: 4.17's PostgresAggregationRepository inserts two columns and binds three. Only
        // the leader aggregates, so its ON CONFLICT is not needed
        JdbcAggregationRepository jdbc = new JdbcAggregationRepository(
                new DataSourceTransactionManager(dataSource), WAITS_TABLE, dataSource);
        jdbc.setDeserializationFilter("java.**;org.apache.camel.**;io.dhm.**;!*");
        return jdbc;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        if (!foundation.settings().cluster().enabled()) {
            ServiceHelper.startService(database);
            LevelDbWaits.moveInto(foundation.settings().dataDir(), database, context);
        }
        foundation.dataFolderSpace().whenWritable(confirmations::writeDue);
    }

    /** Pending confirmations are kept in the monitor's database, so a restart does not forget a container mid-wait. */
    @BindToRegistry
    public StoredWaits confirmations() {
        return confirmations;
    }

    /** What begins and ends a wait, and how long it lasts: route confirm-after-wait's and the Kamelet's one rule. */
    @BindToRegistry
    public ConfirmWait confirmWait() {
        return confirmWait;
    }

    @BindToRegistry
    public LatestTransition latestTransition() {
        return new LatestTransition();
    }

    @BindToRegistry
    public Confirmation confirmation() {
        return new Confirmation(foundation.engine(), customChecks, foundation.tracker(),
                foundation.lifecycle(), alertMemory,
                foundation.alertFactory(), rootCause, foundation.settings().confirmWait(), foundation.settings().logLines());
    }

    @BindToRegistry
    public ConfirmDeadLetters confirmDeadLetters() {
        return new ConfirmDeadLetters(foundation.history(), foundation.tracker(), alertMemory, storedAlerts);
    }
}
