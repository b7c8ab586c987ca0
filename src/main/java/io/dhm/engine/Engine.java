package io.dhm.engine;

import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Docker engine as the stages use it. {@link DockerGateway} talks to a real one; tests put an in-memory engine
 * behind the same interface. It speaks the monitor's own types (docker-java stays inside this package). Calls fail
 * with {@link EngineUnavailableException} when the engine does not answer.
 */
public interface Engine extends Closeable {

    /** Every running container in one list call; health is read from the list's status text. */
    List<ContainerView> listRunning();

    /** Every running container with the engine's own status line ("Up 3 hours (healthy)"), for the API. */
    List<RunningContainer> runningWithStatus();

    /** One container in full, by id or name; empty when the engine does not know it. */
    Optional<ContainerView> inspect(String idOrName);

    /**
     * The container that now holds the identity {@code of} had: for compose containers the newest one of the same
     * project, service and replica (a redeploy replaces the id), else the container with the same name.
     */
    Optional<ContainerView> current(ContainerView of);

    /** The last {@code lines} lines of a container's output (stdout and stderr), as `docker logs --tail` shows them. */
    String logTail(String containerId, int lines);

    /**
     * A container's output since {@code sinceEpochSecond}, one entry per line, each starting with the engine's
     * RFC 3339 timestamp (so a caller can skip lines it has seen: the engine's {@code since} is whole seconds).
     */
    List<String> logLinesSince(String containerId, int sinceEpochSecond);

    /**
     * Restarts a container (a stopped one is started), giving it {@code stopTimeoutSec} to stop before SIGKILL;
     * false when the engine no longer has it.
     */
    boolean restart(String containerId, int stopTimeoutSec);

    /**
     * Running containers that share {@code of}'s network namespace: compose's network_mode: service:x becomes
     * container:&lt;id&gt;, `docker run --network container:x` keeps the name it was given.
     */
    List<ContainerView> networkDependents(ContainerView of);

    /** What the engine keeps of a container's state (exits, OOM kill, restarts, last health checks); empty when it is gone. */
    Optional<ContainerState> state(String idOrName);

    /** The view and the state of a container from one inspect; empty when the engine does not know it. */
    default Optional<Inspected> snapshot(String idOrName) {
        return inspect(idOrName).flatMap(view -> state(view.id()).map(state -> new Inspected(view, state)));
    }

    /** How often the engine's restart policy has restarted this container; empty when it is gone. */
    Optional<Integer> restartCount(String containerId);

    /** Runs {@code command} inside a container as `docker exec` does; a command still running after the timeout fails. */
    ExecOutcome exec(String containerId, List<String> command, Duration timeout);

    /**
     * One reading of the engine's stats for a container (`docker stats --no-stream`: the engine takes two samples a
     * second apart, so CPU use can be computed); empty when the container is gone or stopped.
     */
    Optional<StatsReading> stats(String containerId);

    /** Fails with {@link EngineUnavailableException} when the engine does not answer. */
    void ping();

    /**
     * Opens the engine's container event stream for the actions the monitor reacts to; the listener hears each event
     * and, once, the stream's end.
     */
    Subscription streamEvents(List<String> actions, EventListener listener);

    String dockerHost();

    /** The engine's name: one of DOCKER_HOSTS, or {@value ContainerView#SINGLE_ENGINE} for the single engine. */
    String name();

    /** The engine's outage: since its first failed call, and why the last one failed; empty while it answers. */
    default Optional<Outage> outage() {
        return Optional.empty();
    }

    /** How logs name it: "at unix:///var/run/docker.sock", or "web2 at tcp://10.0.0.2:2376" when it is one of several. */
    default String describe() {
        return (name().equals(ContainerView.SINGLE_ENGINE) ? "" : name() + " ") + "at " + dockerHost();
    }

    /** The engines behind this one, each watched on its own (poll, event stream, outage): this one alone, or a fleet's. */
    default List<Engine> members() {
        return List.of(this);
    }

    /** The member engine called {@code engineName}. */
    default Engine member(String engineName) {
        return members().stream().filter(engine -> engine.name().equals(engineName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no engine named " + engineName));
    }
}
