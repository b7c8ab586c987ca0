package io.dhm;

import io.dhm.check.CustomChecks;
import io.dhm.engine.Engine;
import io.dhm.observe.EngineEventStream;
import io.dhm.observe.MonitoringChoice;
import io.dhm.observe.Observer;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes observe.camel.yaml and check.camel.yaml: the poll, the engine's event stream, the custom checks (whose
 * health the observer lays over the engine's); the lifecycle the observer feeds is the foundation's, as every stage
 * reads it.
 */
public class ObservationConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final CustomChecks customChecks;
    private final MonitoringChoice monitoringChoice;
    private final Observer observer;
    /** The header that names the engine of an event or a poll. */
    private static final String ENGINE_HEADER = "dhmEngine";

    private final Map<String, EngineEventStream> streams = new ConcurrentHashMap<>();

    public ObservationConfiguration(FoundationConfiguration foundation) {
        this.foundation = foundation;
        this.customChecks = new CustomChecks(foundation.settings().watch(), foundation.engine(), foundation.history(),
                foundation.database(), foundation.clock());
        this.monitoringChoice = new MonitoringChoice(foundation.tracker(), foundation.database());
        this.observer = new Observer(foundation.engine(), foundation.tracker(), foundation.lifecycle(), customChecks,
                foundation.clock(),
                engine -> Optional.ofNullable(streams.get(engine)).map(EngineEventStream::connected).orElse(false));
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

    /**
     * Each engine's event stream, feeding the engine-events route with the engine's name in header dhmEngine (none for
     * the single engine of DOCKER_HOST); started once the routes run.
     */
    public List<EngineEventStream> eventStreams(ProducerTemplate producer) {
        List<EngineEventStream> started = new ArrayList<>();
        for (Engine engine : foundation.engine().members()) {
            Object header = foundation.settings().engines().named() ? engine.name() : null;
            EngineEventStream stream = new EngineEventStream(engine,
                    event -> producer.sendBodyAndHeader("direct:engine-event", event, ENGINE_HEADER, header),
                    () -> producer.asyncRequestBodyAndHeader("direct:poll-engine", null, ENGINE_HEADER, engine.name()));
            streams.put(engine.name(), stream);
            started.add(stream);
        }
        return started;
    }

    @BindToRegistry
    public Observer observer() {
        return observer;
    }

    @BindToRegistry
    public CustomChecks customChecks() {
        return customChecks;
    }

    public MonitoringChoice monitoringChoice() {
        return monitoringChoice;
    }
}
