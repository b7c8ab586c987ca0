package io.dhm;

import io.dhm.ack.Acknowledgements;
import io.dhm.confirm.ConfirmDeadLetters;
import io.dhm.confirm.Confirmation;
import io.dhm.confirm.LatestTransition;
import io.dhm.confirm.LevelDbWaits;
import io.dhm.confirm.StoredWaits;
import io.dhm.decide.AlertMemory;
import io.dhm.decide.PauseWatch;
import io.dhm.decide.StopNotices;
import io.dhm.decide.Flapping;
import io.dhm.repeat.RepeatSchedule;
import io.dhm.rootcause.RootCause;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;

/**
 * Routes decide.camel.yaml, confirm.camel.yaml and repeat.camel.yaml: which containers were alerted and which of
 * those an operator acknowledged, which are flapping, whose alerts fold into whose, the pending waits (on disk, so a
 * restart resumes them), the recheck when a wait ends, and the repeats.
 */
public class ConfirmConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final ObservationConfiguration observation;
    private final AlertMemory alertMemory;
    private final Flapping flapping;
    private final RootCause rootCause;
    private final Acknowledgements acknowledgements;
    /** The pending waits, in the monitor's database (a pair's shared one). */
    static final String WAITS_TABLE = "dhm_confirmations";

    private final JdbcAggregationRepository database;
    private final StoredWaits confirmations;

    public ConfirmConfiguration(FoundationConfiguration foundation, ObservationConfiguration observation) {
        this.foundation = foundation;
        this.observation = observation;
        this.alertMemory = new AlertMemory(foundation.database());
        this.flapping = new Flapping(foundation.settings().flapping(), foundation.alertFactory(), foundation.clock());
        this.rootCause = new RootCause(foundation.tracker(), foundation.engine(), foundation.history(), foundation.clock(),
                foundation.settings().rootCauseFolding());
        this.acknowledgements = new Acknowledgements(foundation.database());
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
        foundation.open(acknowledgements::open);
        foundation.reloadOnTakeOver("the acknowledgements", acknowledgements::reload);
    }

    /** The operator's stops, gathered per project into one notice (route stop-notices). */
    @BindToRegistry
    public StopNotices stopNotices() {
        return new StopNotices(foundation.settings().lifecycle(), foundation.tracker(), foundation.lifecycle(),
                foundation.alertFactory());
    }

    /** Pauses longer than PAUSE_WARNING_MIN (route long-pauses). */
    @BindToRegistry
    public PauseWatch pauseWatch() {
        return new PauseWatch(foundation.settings().lifecycle(), foundation.tracker(), foundation.alertFactory(),
                foundation.clock());
    }

    @BindToRegistry
    public AlertMemory alertMemory() {
        return alertMemory;
    }

    @BindToRegistry
    public Acknowledgements acknowledgements() {
        return acknowledgements;
    }

    /** Pending confirmations are kept in the monitor's database, so a restart does not forget a container mid-wait. */
    @BindToRegistry
    public StoredWaits confirmations() {
        return confirmations;
    }

    @BindToRegistry
    public LatestTransition latestTransition() {
        return new LatestTransition();
    }

    @BindToRegistry
    public Confirmation confirmation() {
        return new Confirmation(foundation.engine(), observation.customChecks(), foundation.tracker(),
                foundation.lifecycle(), alertMemory,
                foundation.alertFactory(), rootCause, foundation.settings().confirmWait(), foundation.settings().logLines());
    }

    /** Folds the alerts of failing dependents into their cause's; auto-heal asks it too. */
    @BindToRegistry
    public RootCause rootCause() {
        return rootCause;
    }

    @BindToRegistry
    public Flapping flapping() {
        return flapping;
    }

    @BindToRegistry
    public ConfirmDeadLetters confirmDeadLetters() {
        return new ConfirmDeadLetters(foundation.history(), foundation.tracker(), alertMemory);
    }

    @BindToRegistry
    public RepeatSchedule repeatSchedule() {
        return new RepeatSchedule(foundation.tracker(), acknowledgements, foundation.clock(),
                foundation.settings().delivery().repeatInterval());
    }
}
