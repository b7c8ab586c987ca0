package io.dhm.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Statistics;
import io.dhm.config.EngineSettings;
import io.dhm.config.EngineSettings.EngineTarget;
import io.dhm.config.InvalidSettingException;
import io.dhm.config.Settings;
import io.dhm.engine.StreamedReads.End;
import io.dhm.engine.StreamedReads.Text;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The monitor's door to the Docker engine through docker-java: one client configured from DOCKER_HOST /
 * DOCKER_TLS_VERIFY / DOCKER_CERT_PATH with bounded timeouts, a second one without a read timeout for the long-lived
 * event stream. Every call goes through {@link EngineCalls}, the one place that turns transport failures into
 * {@link EngineUnavailableException} and logs when the engine goes away and comes back; what the engine answers
 * leaves this package in the monitor's own types.
 */
public class DockerGateway implements Engine {

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
    private final EngineCalls calls;

    /** The single engine of DOCKER_HOST. */
    public DockerGateway(Settings settings) {
        this(settings.engines().engines().get(0), false, CallObserver.NONE);
    }

    /** @param named whether the monitor watches several engines: then every container carries this one's name */
    public DockerGateway(EngineTarget target, boolean named, CallObserver observer) {
        this.name = target.name();
        this.stamp = named ? target.name() : null;
        this.dockerHost = target.host();
        String certPath = target.tlsCerts().map(Path::toString).orElse(null);
        this.tls = target.tls();
        this.tlsFolder = target.tls() ? (certPath == null ? "~/.docker" : certPath) : "(none: plain tcp)";
        this.requests = DockerClients.connect(dockerHost, target.tls(), certPath, Duration.ofSeconds(30));
        this.events = DockerClients.connect(dockerHost, target.tls(), certPath, null);
        this.calls = new EngineCalls(this, observer);
    }

    @Override
    public List<ContainerView> listRunning() {
        return listed().stream().map(this::view).toList();
    }

    private List<Container> listed() {
        return calls.call("list", "list containers", () -> requests.listContainersCmd().withShowAll(false).exec());
    }

    private ContainerView view(Container listed) {
        return ContainerView.fromList(listed).on(stamp);
    }

    @Override
    public List<RunningContainer> runningWithStatus() {
        return listed().stream().map(c -> new RunningContainer(view(c), c.getStatus())).toList();
    }

    @Override
    public Optional<ContainerView> inspect(String idOrName) {
        return inspected(idOrName, inspect -> ContainerViews.of(inspect).on(stamp));
    }

    /** What {@code read} takes from the container's inspect; empty when the engine does not know it. */
    private <T> Optional<T> inspected(String idOrName, Function<InspectContainerResponse, T> read) {
        return calls.call("inspect", "inspect " + idOrName, () -> {
            try {
                return Optional.ofNullable(read.apply(requests.inspectContainerCmd(idOrName).exec()));
            } catch (NotFoundException e) {
                return Optional.<T>empty();
            }
        });
    }

    @Override
    public Optional<ContainerView> current(ContainerView of) {
        if (of.project() == null || of.service() == null) {
            return inspect(of.name());
        }
        List<Container> candidates = calls.call("list", "find " + of.key(), () -> requests.listContainersCmd()
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
        return logs(containerId, command -> command.withTail(lines)).map(read -> read.text()
                        + (read.end() == End.TIMED_OUT ? "\n[log fetch stopped after " + LOG_FETCH_TIMEOUT.toSeconds() + " s]" : ""))
                .orElse("[container is gone: no logs]");
    }

    /**
     * A container's output since {@code sinceEpochSecond}, one entry per line, each starting with the engine's
     * RFC 3339 timestamp (so a caller can skip lines it has seen: the engine's {@code since} is whole seconds).
     */
    @Override
    public List<String> logLinesSince(String containerId, int sinceEpochSecond) {
        return logs(containerId, command -> command.withTimestamps(true).withSince(sinceEpochSecond))
                .map(read -> {
                    List<String> lines = new ArrayList<>(Arrays.asList(read.text().split("\n", -1)));
                    if (lines.get(lines.size() - 1).isEmpty()) {
                        lines.remove(lines.size() - 1); // the output ended with its newline (a line still being written stays)
                    }
                    return List.copyOf(lines);
                })
                .orElse(List.of());
    }

    /** A container's output (stdout and stderr) as far as it came in time; empty when the engine does not know it. */
    private Optional<Text> logs(String containerId, UnaryOperator<LogContainerCmd> options) {
        return calls.call("logs", "logs of " + containerId, () -> {
            try {
                LogContainerCmd command = options.apply(requests.logContainerCmd(containerId).withStdOut(true).withStdErr(true));
                return Optional.of(StreamedReads.text(command::exec, LOG_FETCH_TIMEOUT));
            } catch (NotFoundException e) {
                return Optional.<Text>empty();
            }
        });
    }

    @Override
    public boolean restart(String containerId, int stopTimeoutSec) {
        return calls.call("restart", "restart " + containerId, () -> {
            try {
                requests.restartContainerCmd(containerId).withTimeout(stopTimeoutSec).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
    }

    @Override
    public List<ContainerView> networkDependents(ContainerView of) {
        List<String> modes = List.of("container:" + of.id(), "container:" + of.name());
        return listed().stream()
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

    @Override
    public Optional<Integer> restartCount(String containerId) {
        return inspected(containerId, InspectContainerResponse::getRestartCount);
    }

    @Override
    public ExecOutcome exec(String containerId, List<String> command, Duration timeout) {
        return calls.call("exec", "exec in " + containerId, () -> {
            String execId;
            try {
                execId = requests.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                        .withAttachStdout(true).withAttachStderr(true).exec().getId();
            } catch (NotFoundException | ConflictException e) {
                return new ExecOutcome(null, "the container is not running");
            }
            Text output = StreamedReads.text(requests.execStartCmd(execId)::exec, timeout);
            return switch (output.end()) {
                case INTERRUPTED -> new ExecOutcome(null, "interrupted");
                case TIMED_OUT -> new ExecOutcome(null, "still running after " + timeout.toMillis() + " ms");
                case COMPLETE -> new ExecOutcome(requests.inspectExecCmd(execId).exec().getExitCodeLong(),
                        output.text().strip());
            };
        });
    }

    @Override
    public Optional<StatsReading> stats(String containerId) {
        return calls.call("stats", "stats of " + containerId, () -> {
            AtomicReference<Statistics> read = new AtomicReference<>();
            try {
                StreamedReads.<Statistics>read(requests.statsCmd(containerId).withNoStream(true)::exec,
                        statistics -> read.compareAndSet(null, statistics), LOG_FETCH_TIMEOUT);
            } catch (NotFoundException e) {
                return Optional.<StatsReading>empty();
            }
            return Optional.ofNullable(read.get()).map(DockerStats::reading);
        });
    }

    @Override
    public void ping() {
        calls.call("ping", "ping", () -> requests.pingCmd().exec());
    }

    @Override
    public Subscription streamEvents(List<String> actions, EventListener listener) {
        return calls.opening(() -> DockerEvents.stream(events, actions, listener));
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
        return calls.outage();
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
                            + " refuses the TLS folder " + tlsFolder + ", or it is not the engine's: "
                            + EngineCalls.rootMessage(e));
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        requests.close();
        events.close();
    }
}
