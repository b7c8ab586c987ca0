package io.dhm;

import io.dhm.ack.Acknowledgements;
import io.dhm.confirm.ConfirmDeadLetters;
import io.dhm.confirm.Confirmation;
import io.dhm.confirm.LatestTransition;
import io.dhm.decide.AlertMemory;
import io.dhm.decide.Flapping;
import io.dhm.repeat.RepeatSchedule;
import io.dhm.rootcause.RootCause;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.leveldb.LevelDBAggregationRepository;

import java.sql.SQLException;

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
    private final LevelDBAggregationRepository confirmations;

    public ConfirmConfiguration(FoundationConfiguration foundation, ObservationConfiguration observation) {
        this.foundation = foundation;
        this.observation = observation;
        this.alertMemory = new AlertMemory(foundation.database());
        this.flapping = new Flapping(foundation.settings().flapping(), foundation.alertFactory(), foundation.clock());
        this.rootCause = new RootCause(foundation.tracker(), foundation.engine(), foundation.history(), foundation.clock(),
                foundation.settings().rootCauseFolding());
        this.acknowledgements = new Acknowledgements(foundation.database());
        this.confirmations = new LevelDBAggregationRepository("confirmations",
                foundation.settings().dataDir().resolve("confirmations.leveldb").toString());
        this.confirmations.setUseRecovery(true);
        this.confirmations.setSync(true); // a pending wait must survive a SIGKILL or power loss, not only a clean stop
        // A completed confirmation the monitor died in the middle of is re-run after a restart, each time with the
        // route's own bounded retries; these bound how often that can happen before it is dead-lettered.
        this.confirmations.setMaximumRedeliveries(foundation.settings().confirmMaximumRedeliveries());
        this.confirmations.setDeadLetterUri("direct:confirm-dead-letter");
    }

    @Override
    public void configure(CamelContext context) throws SQLException {
        foundation.open(alertMemory::open, acknowledgements::open);
    }

    @BindToRegistry
    public AlertMemory alertMemory() {
        return alertMemory;
    }

    @BindToRegistry
    public Acknowledgements acknowledgements() {
        return acknowledgements;
    }

    /** Pending confirmations live on disk, so a restart does not forget a container that is mid-wait. */
    @BindToRegistry
    public LevelDBAggregationRepository confirmations() {
        return confirmations;
    }

    @BindToRegistry
    public LatestTransition latestTransition() {
        return new LatestTransition();
    }

    @BindToRegistry
    public Confirmation confirmation() {
        return new Confirmation(foundation.engine(), observation.customChecks(), foundation.tracker(), alertMemory,
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
        return new ConfirmDeadLetters(foundation.history());
    }

    @BindToRegistry
    public RepeatSchedule repeatSchedule() {
        return new RepeatSchedule(foundation.tracker(), acknowledgements, foundation.clock(),
                foundation.settings().delivery().repeatInterval());
    }
}
