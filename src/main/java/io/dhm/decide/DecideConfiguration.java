package io.dhm.decide;

import io.dhm.ack.Acknowledgements;
import io.dhm.foundation.FoundationConfiguration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import java.sql.SQLException;

/**
 * Route decide.camel.yaml: which containers were alerted and which of those an operator acknowledged (both ended on
 * recovery), which are flapping, the operator's stops gathered per project, and the long pauses.
 */
public class DecideConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final AlertMemory alertMemory;
    private final Acknowledgements acknowledgements;

    public DecideConfiguration(FoundationConfiguration foundation) {
        this.foundation = foundation;
        this.alertMemory = new AlertMemory(foundation.database());
        this.acknowledgements = new Acknowledgements(foundation.database());
    }

    @Override
    public void configure(CamelContext context) throws SQLException {
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

    @BindToRegistry
    public Flapping flapping() {
        return new Flapping(foundation.settings().flapping(), foundation.alertFactory(), foundation.clock());
    }
}
