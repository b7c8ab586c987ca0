package io.dhm.kamelet;

import io.dhm.config.InvalidSettingException;
import io.dhm.config.Settings;
import io.dhm.observe.Change;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Transition;
import io.dhm.engine.ContainerView;
import io.dhm.engine.DockerGateway;
import io.dhm.engine.EngineUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The bean behind the {@code docker-health-source} Kamelet (kamelets/docker-health-source.kamelet.yaml): each poll
 * is one list call to the engine, compared by the monitor's own {@link ContainerTracker}, so another Camel
 * application gets transitions by the monitor's rules (the identity that survives a redeploy, first sight as the
 * baseline, stopped or removed as not_found). Each Kamelet instance gets an instance of its own (a template bean),
 * hence its own tracker and engine connection.
 *
 * <p>Nothing here alerts, so an episode of trouble is settled as soon as the container is fine again: otherwise the
 * tracker would keep it pending forever and never report a later trouble as a fresh one.
 */
public class DockerHealthSource implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DockerHealthSource.class);

    private final ContainerTracker tracker = new ContainerTracker();
    private final Clock clock;
    private String dockerHost = "unix:///var/run/docker.sock";
    private String dockerCertPath = "";
    private Supplier<List<ContainerView>> running;
    private DockerGateway gateway;
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
        this.dockerHost = dockerHost == null ? "" : dockerHost.trim();
    }

    public String getDockerHost() {
        return dockerHost;
    }

    /** A folder with ca.pem, cert.pem and key.pem: the engine is then spoken to over TLS, as DOCKER_CERT_PATH does. */
    public void setDockerCertPath(String dockerCertPath) {
        this.dockerCertPath = dockerCertPath == null ? "" : dockerCertPath.trim();
    }

    public String getDockerCertPath() {
        return dockerCertPath;
    }

    /**
     * Sets up the engine client the parameters describe. It is the Kamelet's init method, so a dockerHost or
     * dockerCertPath that cannot work stops the route from starting instead of failing every poll; docker-java
     * connects only at the first request, so an engine that is down does not fail it.
     */
    public synchronized void start() {
        if (running == null) {
            gateway = new DockerGateway(settings(dockerHost, dockerCertPath));
            running = gateway::listRunning;
        }
    }

    /**
     * One poll: the transitions since the last one, each as the map the Kamelet marshals to JSON. An engine that does
     * not answer yields none (DockerGateway has logged it once); the next poll that reaches it catches up.
     */
    public synchronized List<Map<String, Object>> poll() {
        List<ContainerView> containers;
        try {
            start();
            containers = running.get();
        } catch (EngineUnavailableException e) {
            return List.of();
        }
        List<Transition> transitions = tracker.reconcile(containers, clock.instant());
        if (firstPoll) {
            firstPoll = false;
            LOG.info("docker-health-source: watching {} running containers with a healthcheck at {}",
                    tracker.monitoredCount(), gateway == null ? "(test)" : dockerHost);
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

    /**
     * The monitor's own settings, validated by the same rules, with only the engine keys set; an error names the
     * Kamelet parameter rather than the monitor's environment variable.
     */
    static Settings settings(String dockerHost, String dockerCertPath) {
        Properties properties = new Properties();
        properties.setProperty("docker.host", dockerHost);
        if (!dockerCertPath.isEmpty()) {
            properties.setProperty("docker.tls.verify", "1");
            properties.setProperty("docker.cert.path", dockerCertPath);
        }
        try {
            return Settings.from(properties);
        } catch (InvalidSettingException e) {
            String problem = e.getMessage().replaceFirst("^DOCKER_HOST:", "dockerHost:")
                    .replaceFirst("^DOCKER_CERT_PATH:", "dockerCertPath:");
            throw new IllegalArgumentException("docker-health-source: " + problem, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (gateway != null) {
            gateway.close();
            gateway = null;
            running = null; // a poll after a restart of the route connects anew
        }
    }
}
