package io.dhm;

import io.dhm.check.CustomChecks;
import io.dhm.heal.ExitWatch;
import io.dhm.observe.EngineEventStream;
import io.dhm.observe.MonitoringChoice;
import io.dhm.observe.Observer;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import java.sql.SQLException;

/**
 * Routes observe.camel.yaml and checks.camel.yaml: the poll, the engine's event stream, the custom checks (whose
 * health the observer lays over the engine's) and the exit watch that tells a crash from a stop.
 */
public class ObservationConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final CustomChecks customChecks;
    private final ExitWatch exitWatch;
    private final MonitoringChoice monitoringChoice;
    private final Observer observer;
    private volatile EngineEventStream stream;

    public ObservationConfiguration(FoundationConfiguration foundation) {
        this.foundation = foundation;
        this.customChecks = new CustomChecks(foundation.settings().watch(), foundation.engine(), foundation.history(),
                foundation.database(), foundation.clock());
        this.exitWatch = new ExitWatch(foundation.clock());
        this.monitoringChoice = new MonitoringChoice(foundation.tracker(), foundation.database());
        this.observer = new Observer(foundation.engine(), foundation.tracker(), customChecks, foundation.clock(),
                () -> stream != null && stream.connected());
    }

    @Override
    public void configure(CamelContext context) throws SQLException {
        foundation.open(customChecks::open, monitoringChoice::open);
        foundation.reloadOnTakeOver("the custom check rules", customChecks::reload);
        foundation.reloadOnTakeOver("the containers taken out of monitoring", monitoringChoice::reload);
        // custom checks run side by side, so one slow probe does not hold up the rest
        context.getRegistry().bind("checkPool",
                context.getExecutorServiceManager().newFixedThreadPool(this, "custom-checks", 8));
    }

    /** The engine's event stream, feeding the engine-events route; started once the routes run. */
    public EngineEventStream eventStream(ProducerTemplate producer) {
        stream = new EngineEventStream(foundation.engine(),
                event -> producer.sendBody("direct:engine-event", event),
                () -> producer.asyncSendBody("direct:poll-engine", null));
        return stream;
    }

    @BindToRegistry
    public Observer observer() {
        return observer;
    }

    @BindToRegistry
    public CustomChecks customChecks() {
        return customChecks;
    }

    @BindToRegistry
    public ExitWatch exitWatch() {
        return exitWatch;
    }

    public MonitoringChoice monitoringChoice() {
        return monitoringChoice;
    }
}
