package io.dhm.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Statistics;
import io.dhm.config.EngineSettings;
import io.dhm.config.EngineSettings.EngineTarget;
import io.dhm.config.InvalidSettingException;
import io.dhm.config.Settings;
import org.apache.camel.component.docker.DockerComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The monitor's door to the Docker engine through docker-java: one client configured from DOCKER_HOST /
 * DOCKER_TLS_VERIFY / DOCKER_CERT_PATH with bounded timeouts, a second one without a read timeout for the long-lived
 * event stream, and one place that turns transport failures into {@link EngineUnavailableException} and logs when the
 * engine goes away and comes back. The heal route's docker: endpoints (camel-docker) use the first client too
 * ({@link #camelComponent}); what camel-docker does not do well (events that reconnect, filtered lists, logs, exec,
 * stats) stays here.
 */
public class DockerGateway implements Engine {

    private static final Logger LOG = LoggerFactory.getLogger(DockerGateway.class);
    private static final Duration LOG_FETCH_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Told of every engine call: the engine's name, its operation ("list", "inspect", "logs", "restart", "exec", "ping", "events"), how
     * long it took and whether the engine answered. The metrics listen here; nothing else needs to.
     */
    @FunctionalInterface
    public interface CallObserver {
        CallObserver NONE = (engine, operation, nanos, answered) -> { };

        void called(String engine, String operation, long nanos, boolean answered);
    }

    private final String name;
    private final String stamp;
    private final String dockerHost;
    private final boolean tls;
    private final String tlsFolder;
    private final DockerClient requests;
    private final DockerClient events;
    private final CallObserver observer;
    private volatile Boolean reachable;
    private volatile Outage outage;

    /** The single engine of DOCKER_HOST. */
    public DockerGateway(Settings settings) {
        this(settings.engines().engines().get(0), false, CallObserver.NONE);
    }

    /** @param named whether the monitor watches several engines: then every container carries this one's name */
    public DockerGateway(EngineTarget target, boolean named, CallObserver observer) {
        this.observer = observer;
        this.name = target.name();
        this.stamp = named ? target.name() : null;
        this.dockerHost = target.host();
        String certPath = target.tlsCerts().map(Path::toString).orElse(null);
        this.tls = target.tls();
        this.tlsFolder = target.tls() ? (certPath == null ? "~/.docker" : certPath) : "(none: plain tcp)";
        this.requests = DockerClients.connect(dockerHost, target.tls(), certPath, Duration.ofSeconds(30));
        this.events = DockerClients.connect(dockerHost, target.tls(), certPath, null);
    }

    /** Every running container in one list call; health is read from the list's status text. */
    @Override
    public List<ContainerView> listRunning() {
        return call("list", "list containers", () -> requests.listContainersCmd().withShowAll(false).exec())
                .stream()
                .map(this::view)
                .toList();
    }

    private ContainerView view(Container listed) {
        return ContainerView.fromList(listed).on(stamp);
    }

    /** Every running container with the engine's own status line ("Up 3 hours (healthy)"), for the API. */
    @Override
    public List<RunningContainer> runningWithStatus() {
        return call("list", "list containers", () -> requests.listContainersCmd().withShowAll(false).exec())
                .stream()
                .map(c -> new RunningContainer(view(c), c.getStatus()))
                .toList();
    }

    /** One container in full, by id or name; empty when the engine does not know it. */
    @Override
    public Optional<ContainerView> inspect(String idOrName) {
        return inspected(idOrName, inspect -> ContainerViews.of(inspect).on(stamp));
    }

    /** What {@code read} takes from the container's inspect; empty when the engine does not know it. */
    private <T> Optional<T> inspected(String idOrName, Function<InspectContainerResponse, T> read) {
        return call("inspect", "inspect " + idOrName, () -> {
            try {
                return Optional.ofNullable(read.apply(requests.inspectContainerCmd(idOrName).exec()));
            } catch (NotFoundException e) {
                return Optional.<T>empty();
            }
        });
    }

    /**
     * The container that now holds the identity {@code of} had: for compose containers the newest one of the same
     * project, service and replica (a redeploy replaces the id), else the container with the same name.
     */
    @Override
    public Optional<ContainerView> current(ContainerView of) {
        if (of.project() == null || of.service() == null) {
            return inspect(of.name());
        }
        List<Container> candidates = call("list", "find " + of.key(), () -> requests.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(ContainerView.PROJECT_LABEL, of.project(), ContainerView.SERVICE_LABEL, of.service()))
                .exec());
        return candidates.stream()
                .map(this::view)
                .filter(candidate -> of.key().equals(candidate.key()))
                .max(Comparator.comparing(ContainerView::running))
                .flatMap(candidate -> inspect(candidate.id()));
    }

    /** The last {@code lines} lines of a container's output (stdout and stderr), as `docker logs --tail` shows them. */
    @Override
    public String logTail(String containerId, int lines) {
        if (lines == 0) {
            return "";
        }
        return call("logs", "logs of " + containerId, () -> {
            StringBuilder text = new StringBuilder();
            try (ResultCallback.Adapter<Frame> callback = requests.logContainerCmd(containerId)
                    .withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Frame frame) {
                            text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    })) {
                if (!callback.awaitCompletion(LOG_FETCH_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    text.append("\n[log fetch stopped after ").append(LOG_FETCH_TIMEOUT.toSeconds()).append(" s]");
                }
            } catch (NotFoundException e) {
                return "[container is gone: no logs]";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return text.toString();
        });
    }

    /**
     * A container's output since {@code sinceEpochSecond}, one entry per line, each starting with the engine's
     * RFC 3339 timestamp (so a caller can skip lines it has seen: the engine's {@code since} is whole seconds).
     */
    @Override
    public List<String> logLinesSince(String containerId, int sinceEpochSecond) {
        return call("logs", "logs of " + containerId, () -> {
            List<String> lines = new ArrayList<>();
            StringBuilder partial = new StringBuilder();
            try (ResultCallback.Adapter<Frame> callback = requests.logContainerCmd(containerId)
                    .withStdOut(true).withStdErr(true).withTimestamps(true).withSince(sinceEpochSecond)
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Frame frame) {
                            synchronized (partial) {
                                partial.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                                int newline;
                                while ((newline = partial.indexOf("\n")) >= 0) {
                                    lines.add(partial.substring(0, newline));
                                    partial.delete(0, newline + 1);
                                }
                            }
                        }
                    })) {
                callback.awaitCompletion(LOG_FETCH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (NotFoundException e) {
                return List.<String>of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            synchronized (partial) {
                if (!partial.isEmpty()) {
                    lines.add(partial.toString());
                }
                return List.copyOf(lines);
            }
        });
    }

    /**
     * Restarts a container (a stopped one is started), giving it {@code stopTimeoutSec} to stop before SIGKILL;
     * false when the engine no longer has it.
     */
    @Override
    public boolean restart(String containerId, int stopTimeoutSec) {
        return call("restart", "restart " + containerId, () -> {
            try {
                requests.restartContainerCmd(containerId).withTimeout(stopTimeoutSec).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
    }

    /**
     * Running containers that share {@code of}'s network namespace: compose's network_mode: service:x becomes
     * container:&lt;id&gt;, `docker run --network container:x` keeps the name it was given.
     */
    @Override
    public List<ContainerView> networkDependents(ContainerView of) {
        List<String> modes = List.of("container:" + of.id(), "container:" + of.name());
        return call("list", "list containers", () -> requests.listContainersCmd().withShowAll(false).exec()).stream()
                .filter(c -> c.getHostConfig() != null && modes.contains(c.getHostConfig().getNetworkMode()))
                .map(this::view)
                .toList();
    }

    @Override
    public Optional<Inspected> snapshot(String idOrName) {
        return inspected(idOrName, inspect -> new Inspected(ContainerViews.of(inspect).on(stamp), ContainerViews.state(inspect)));
    }

    @Override
    public Optional<ContainerState> state(String idOrName) {
        return inspected(idOrName, ContainerViews::state);
    }

    /** How often the engine's restart policy has restarted this container; empty when it is gone. */
    @Override
    public Optional<Integer> restartCount(String containerId) {
        return inspected(containerId, InspectContainerResponse::getRestartCount);
    }

    /** Runs {@code command} inside a container as `docker exec` does; a command still running after the timeout fails. */
    @Override
    public ExecOutcome exec(String containerId, List<String> command, Duration timeout) {
        return call("exec", "exec in " + containerId, () -> {
            String execId;
            try {
                execId = requests.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                        .withAttachStdout(true).withAttachStderr(true).exec().getId();
            } catch (NotFoundException | ConflictException e) {
                return new ExecOutcome(null, "the container is not running");
            }
            StringBuilder output = new StringBuilder();
            try (ResultCallback.Adapter<Frame> callback = requests.execStartCmd(execId).exec(new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    synchronized (output) {
                        output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }
            })) {
                if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    return new ExecOutcome(null, "still running after " + timeout.toMillis() + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ExecOutcome(null, "interrupted");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Long exitCode = requests.inspectExecCmd(execId).exec().getExitCodeLong();
            synchronized (output) {
                return new ExecOutcome(exitCode, output.toString().strip());
            }
        });
    }

    /**
     * One reading of the engine's stats for a container (`docker stats --no-stream`: the engine takes two samples a
     * second apart, so CPU use can be computed); empty when the container is gone or stopped.
     */
    @Override
    public Optional<Statistics> stats(String containerId) {
        return call("stats", "stats of " + containerId, () -> {
            AtomicReference<Statistics> read = new AtomicReference<>();
            try (ResultCallback.Adapter<Statistics> callback = requests.statsCmd(containerId).withNoStream(true)
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Statistics statistics) {
                            read.compareAndSet(null, statistics);
                        }
                    })) {
                callback.awaitCompletion(LOG_FETCH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (NotFoundException e) {
                return Optional.<Statistics>empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Optional.ofNullable(read.get());
        });
    }

    /** Fails with {@link EngineUnavailableException} when the engine does not answer. */
    @Override
    public void ping() {
        call("ping", "ping", () -> requests.pingCmd().exec());
    }

    /** Starts the engine's container event stream for the actions the monitor reacts to. */
    @Override
    public Closeable streamEvents(ResultCallback<Event> callback, List<String> actions) {
        long start = System.nanoTime();
        boolean answered = false;
        try {
            Closeable stream = events.eventsCmd()
                    .withEventTypeFilter(EventType.CONTAINER)
                    .withEventFilter(actions.toArray(String[]::new))
                    .exec(callback);
            answered = true;
            return stream;
        } finally {
            observer.called(name, "events", System.nanoTime() - start, answered);
        }
    }

    @Override
    public String dockerHost() {
        return dockerHost;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Outage> outage() {
        return Optional.ofNullable(outage);
    }

    /**
     * camel-docker's docker: component over the gateways' engine connections (DOCKER_HOST or DOCKER_HOSTS, TLS,
     * timeouts), instead of the one camel-docker would build from its own host, port and socket options; empty for
     * an engine without a gateway (the in-memory one of tests).
     */
    public static Optional<DockerComponent> camelComponent(Engine engine) {
        Map<String, DockerClient> clients = new LinkedHashMap<>();
        for (Engine member : engine.members()) {
            if (member instanceof DockerGateway gateway) {
                clients.put(gateway.name, gateway.requests);
            }
        }
        return clients.isEmpty() ? Optional.empty()
                : Optional.of(new SharedClientDockerComponent(clients, clients.values().iterator().next()));
    }

    /**
     * Connects to the engines of the settings: one gateway for DOCKER_HOST, a fleet of them for DOCKER_HOSTS. An engine
     * that refuses its TLS folder stops start-up naming the setting (an engine that is merely down does not: the
     * monitor waits for it, as it would for an engine restarting).
     */
    public static Engine connect(EngineSettings settings, CallObserver observer) {
        List<Engine> gateways = settings.engines().stream()
                .map(target -> (Engine) new DockerGateway(target, settings.named(), observer))
                .toList();
        // only the TLS engines are asked at start: a plain engine's start-up stays without a call
        gateways.parallelStream().map(DockerGateway.class::cast).filter(gateway -> gateway.tls)
                .forEach(gateway -> gateway.checkTls(settings));
        return settings.named() ? new EngineFleet(gateways) : gateways.get(0);
    }

    private void checkTls(EngineSettings settings) {
        try {
            requests.pingCmd().exec();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
                if (cause instanceof SSLException) {
                    throw new InvalidSettingException(settings.tlsSetting(), "the engine " + describe()
                            + " refuses the TLS folder " + tlsFolder + ", or it is not the engine's: " + rootMessage(e));
                }
            }
        }
    }

    /** One engine call: {@code operation} names it for the metrics, {@code what} for the log. */
    private <T> T call(String operation, String what, Supplier<T> request) {
        T result;
        long start = System.nanoTime();
        try {
            result = request.get();
        } catch (RuntimeException e) {
            observer.called(name, operation, System.nanoTime() - start, false);
            if (!Boolean.FALSE.equals(reachable)) {
                LOG.warn("Docker engine {} is unreachable ({}: {}){}; retrying, observations resume when it answers",
                        describe(), what, rootMessage(e), socketHint());
            }
            reachable = false;
            outage = new Outage(outage == null ? Instant.now() : outage.since(), what + ": " + rootMessage(e));
            throw new EngineUnavailableException("Docker engine " + describe() + " did not answer " + what + ": " + rootMessage(e), e);
        }
        observer.called(name, operation, System.nanoTime() - start, true);
        if (!Boolean.TRUE.equals(reachable)) {
            LOG.info("Docker engine {} is reachable{}", describe(), reachable == null ? "" : " again");
        }
        reachable = true;
        outage = null;
        return result;
    }

    /**
     * What is wrong with a unix socket the monitor cannot use, and the fix: the usual mistakes of a monitor run in a
     * container (the socket not mounted, or mounted without the group that may use it); empty when the socket looks
     * usable or the engine is not reached through one.
     */
    private String socketHint() {
        if (!dockerHost.startsWith("unix://")) {
            return "";
        }
        Path socket = Path.of(dockerHost.substring("unix://".length()));
        if (!Files.exists(socket)) {
            return ". The socket " + socket + " does not exist: in a container, mount the engine's socket"
                    + " (-v /var/run/docker.sock:" + socket + "), or set DOCKER_HOST to where the engine listens";
        }
        if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
            return ". The socket " + socket + " is not readable and writable by the monitor's user: run it with the"
                    + " socket's group (docker run --group-add $(stat -c %g /var/run/docker.sock), or group_add in"
                    + " compose)";
        }
        return "";
    }


    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    @Override
    public void close() throws IOException {
        requests.close();
        events.close();
    }
}
