package io.dhm.observe;

import io.dhm.engine.Engine;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StartupListener;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Route observe.camel.yaml: the poll and each engine's event stream, which feed decide. This stage keeps the container
 * model every later stage reads (the tracker, the lifecycle); the foundation holds it and sits above this package, so
 * this configuration is given its parts rather than the foundation.
 */
public class ObserveConfiguration implements CamelConfiguration, StartupListener {

    /** The header that names the engine of an event or a poll. */
    private static final String ENGINE_HEADER = "dhmEngine";

    private final Engine engine;
    private final boolean namedEngines;
    private final boolean observing;
    private final Observer observer;
    private final Map<String, EngineEventStream> streams = new ConcurrentHashMap<>();
    private ProducerTemplate producer;

    /**
     * @param namedEngines whether DOCKER_HOSTS names the engines (events then carry the engine's name)
     * @param observing    false for {@code --test-alert}: nothing is listed and no event stream starts
     */
    public ObserveConfiguration(Engine engine, ContainerTracker tracker, Lifecycle lifecycle, HealthOverlay checks,
                                Clock clock, boolean namedEngines, boolean observing) {
        this.engine = engine;
        this.namedEngines = namedEngines;
        this.observing = observing;
        this.observer = new Observer(engine, tracker, lifecycle, checks, clock,
                name -> Optional.ofNullable(streams.get(name)).map(EngineEventStream::connected).orElse(false));
        if (observing) {
            // here rather than in configure: Camel Main has not begun to start yet, so the list overlaps all of its start
            observer.listEarly();
        }
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        producer = context.createProducerTemplate();
        if (observing) {
            context.addStartupListener(this);
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the event streams feed routes, which run only once the context is fully started
    }

    /**
     * Each engine's event stream, feeding the engine-events route with the engine's name in header dhmEngine (none for
     * the single engine of DOCKER_HOST).
     */
    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        for (Engine member : engine.members()) {
            Object header = namedEngines ? member.name() : null;
            EngineEventStream stream = new EngineEventStream(member,
                    event -> producer.sendBodyAndHeader("direct:engine-event", event, ENGINE_HEADER, header),
                    () -> producer.asyncRequestBodyAndHeader("direct:poll-engine", null, ENGINE_HEADER, member.name()));
            streams.put(member.name(), stream);
            context.addService(stream, true, true);
        }
    }

    @BindToRegistry
    public Observer observer() {
        return observer;
    }
}
