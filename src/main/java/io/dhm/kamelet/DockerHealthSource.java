package io.dhm.kamelet;

import io.dhm.engine.ContainerView;
import io.dhm.engine.EngineUnavailableException;
import io.dhm.observe.Change;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The bean behind the {@code docker-health-source} Kamelet (kamelets/docker-health-source.kamelet.yaml): each poll
 * is one list call to the engine, compared by the monitor's own {@link ContainerTracker}, so another Camel
 * application gets transitions by the monitor's rules (the identity that survives a redeploy, first sight as the
 * baseline, stopped or removed as not_found). Each Kamelet instance gets an instance of its own (a template bean),
 * hence its own tracker and engine connection. It uses no Camel API, so it runs on whichever Camel 4 the host has.
 *
 * <p>Nothing here alerts, so an episode of trouble is settled as soon as the container is fine again: otherwise the
 * tracker would keep it pending forever and never report a later trouble as a fresh one.
 */
public class DockerHealthSource extends KameletInstance implements Closeable {

    static final String NAME = "docker-health-source";
    private static final Logger LOG = LoggerFactory.getLogger(DockerHealthSource.class);

    private final ContainerTracker tracker = new ContainerTracker();
    private final Clock clock;
    private String dockerHost = "";
    private String dockerCertPath = "";
    private Supplier<List<ContainerView>> running;
    private RunningContainers engine;
    private boolean firstPoll = true;

    /** For the Kamelet: the engine is set by {@link #setDockerHost} and {@link #setDockerCertPath}, then {@link #start}. */
    public DockerHealthSource() {
        this(null, Clock.systemUTC());
    }

    /** For tests: {@code running} stands in for the engine's list of running containers. */
    DockerHealthSource(Supplier<List<ContainerView>> running, Clock clock) {
        this.running = running;
        this.clock = clock;
    }

    public void setDockerHost(String dockerHost) {
        this.dockerHost = dockerHost;
    }

    /** A folder with ca.pem, cert.pem and key.pem: the engine is then spoken to over TLS, as DOCKER_CERT_PATH does. */
    public void setDockerCertPath(String dockerCertPath) {
        this.dockerCertPath = dockerCertPath;
    }

    /**
     * Sets up the engine client the parameters describe. It is the Kamelet's init method, so parameters that cannot
     * work stop the route from starting, with the parameter named, instead of failing every poll.
     */
    public synchronized void start() {
        checkRouteId(NAME, "source");
        connect();
    }

    private void connect() {
        if (running == null) {
            engine = RunningContainers.connect(
                    KameletParameter.required(NAME, "dockerHost", dockerHost, "unix:///var/run/docker.sock"),
                    KameletParameter.text(NAME, "dockerCertPath", dockerCertPath));
            running = engine;
        }
    }

    /**
     * One poll: the transitions since the last one, each as the map the Kamelet marshals to JSON. An engine that does
     * not answer yields none (logged once); the next poll that reaches it catches up.
     */
    public synchronized List<Map<String, Object>> poll() {
        List<ContainerView> containers;
        try {
            connect();
            containers = running.get();
        } catch (EngineUnavailableException e) {
            return List.of();
        }
        List<Transition> transitions = tracker.reconcile(containers, clock.instant());
        if (firstPoll) {
            firstPoll = false;
            LOG.info("{}: watching {} running containers with a healthcheck at {}", NAME, tracker.monitoredCount(),
                    engine == null ? "(test)" : engine.dockerHost());
        }
        List<Map<String, Object>> out = new ArrayList<>(transitions.size());
        for (Transition transition : transitions) {
            if (transition.change() == Change.RETURNED) {
                tracker.resolved(transition);
            }
            out.add(json(transition));
        }
        return out;
    }

    /** The JSON shape of one transition, field by field as the Kamelet documents it. */
    static Map<String, Object> json(Transition transition) {
        ContainerView container = transition.container();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("container", container.name());
        json.put("id", container.id());
        json.put("key", container.key());
        json.put("project", container.projectLabel());
        json.put("service", container.service());
        json.put("from", transition.from());
        json.put("to", transition.to());
        json.put("change", transition.change().name());
        json.put("at", transition.at().toString());
        return json;
    }

    @Override
    public synchronized void close() throws IOException {
        if (engine != null) {
            engine.close();
            engine = null;
            running = null; // a poll after a restart of the route connects anew
        }
    }
}
