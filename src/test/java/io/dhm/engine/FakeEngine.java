package io.dhm.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An engine in memory for in-process tests: the test says which containers run and in what health; restarts are
 * recorded, not done. It answers like a real engine would for a container it does not know (empty, false).
 */
public class FakeEngine implements Engine {
    private final Map<String, StatsReading> stats = new ConcurrentHashMap<>();
    /** By a container's id: the containers that share its network namespace (network_mode: service:x). */
    private final Map<String, List<String>> sharingNetwork = new ConcurrentHashMap<>();
    /** After restarting this container the engine stops answering (an outage begins). */
    private volatile String lastRestartBeforeOutage;

    private final Map<String, ContainerView> containers = new ConcurrentHashMap<>();
    private String name = ContainerView.SINGLE_ENGINE;
    private String stamp;
    private volatile Outage outage;
    private final List<String> restarted = new CopyOnWriteArrayList<>();
    private final Map<String, ContainerState> states = new ConcurrentHashMap<>();

    /** The engine's 64-character id for a test's short name of a container. */
    public static String id(String shortName) {
        return (shortName + "0".repeat(64)).substring(0, 64);
    }

    /** A compose container of {@code project}, service {@code service}, replica 1, in the given health. */
    public static ContainerView compose(String shortName, String project, String service, Health health) {
        String name = project + "-" + service + "-1";
        return new ContainerView(id(shortName), name, "busybox", project, service, "1", true, health,
                health == Health.UNHEALTHY ? "exit code 1: refused" : "", Map.of());
    }

    /** Runs this container (replacing any with the same id) in the given health. */
    public void run(ContainerView container) {
        containers.put(container.id(), container.on(stamp));
    }

    public void remove(String shortName) {
        containers.remove(id(shortName));
    }

    public List<String> restarted() {
        return restarted;
    }

    @Override
    public List<ContainerView> listRunning() {
        ping();
        return containers.values().stream().filter(ContainerView::running).toList();
    }

    @Override
    public List<RunningContainer> runningWithStatus() {
        return List.of();
    }

    @Override
    public Optional<ContainerView> inspect(String idOrName) {
        return containers.values().stream()
                .filter(c -> c.id().equals(idOrName) || c.name().equals(idOrName)).findFirst();
    }

    @Override
    public Optional<ContainerView> current(ContainerView of) {
        return containers.values().stream().filter(c -> c.key().equals(of.key())).findFirst();
    }

    @Override
    public String logTail(String containerId, int lines) {
        return "log of " + containerId;
    }

    @Override
    public List<String> logLinesSince(String containerId, int sinceEpochSecond) {
        return List.of();
    }

    /** Restarts go to a running engine: one in an outage does not answer. */
    @Override
    public boolean restart(String containerId, int stopTimeoutSec) {
        ping();
        restarted.add(containerId);
        if (containerId.equals(lastRestartBeforeOutage)) {
            outage(new Outage(Instant.EPOCH, "the engine stopped answering after restarting " + containerId));
        }
        return containers.containsKey(containerId);
    }

    /** Right after restarting this container the engine stops answering (until {@link #outage(Outage)} with null). */
    public void stopAnsweringAfterRestartOf(String shortName) {
        lastRestartBeforeOutage = id(shortName);
    }

    /** {@code dependent} runs in {@code of}'s network namespace (compose's network_mode: service:x). */
    public void sharesNetwork(String dependent, String of) {
        sharingNetwork.computeIfAbsent(id(of), key -> new CopyOnWriteArrayList<>()).add(id(dependent));
    }

    @Override
    public List<ContainerView> networkDependents(ContainerView of) {
        ping();
        return sharingNetwork.getOrDefault(of.id(), List.of()).stream().map(containers::get)
                .filter(dependent -> dependent != null && dependent.running()).toList();
    }

    /** What {@link #state} answers for this container from now on (by default: running or not, nothing else kept). */
    public void state(String shortName, ContainerState state) {
        states.put(id(shortName), state);
    }

    @Override
    public Optional<ContainerState> state(String idOrName) {
        return inspect(idOrName).map(view -> states.getOrDefault(view.id(), new ContainerState(
                view.running() ? "running" : "exited", view.running(), 0, false, "", null, null, 0, 0, List.of(), "none")));
    }

    @Override
    public Optional<Integer> restartCount(String containerId) {
        return containers.containsKey(containerId) ? Optional.of(0) : Optional.empty();
    }

    @Override
    public ExecOutcome exec(String containerId, List<String> command, Duration timeout) {
        throw new UnsupportedOperationException("exec is not faked");
    }

    /** What the engine's stats say of a container: this CPU %, of one CPU (no other figure). */
    public void stats(String containerId, double cpuPercent) {
        stats.put(containerId, new StatsReading(cpuPercent, 0, 0, 0, 0, 0, 0, 0));
    }

    @Override
    public Optional<StatsReading> stats(String containerId) {
        return Optional.ofNullable(stats.get(containerId));
    }

    @Override
    public void ping() {
        if (outage != null) {
            throw new EngineUnavailableException("fake engine " + name + " is down", null);
        }
    }

    @Override
    public Subscription streamEvents(List<String> actions, EventListener listener) {
        return () -> { };
    }

    @Override
    public String dockerHost() {
        return "fake://engine";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Outage> outage() {
        return Optional.ofNullable(outage);
    }

    /** One of several engines (DOCKER_HOSTS): the containers it runs carry its name. */
    public FakeEngine named(String engineName) {
        this.name = engineName;
        this.stamp = engineName;
        return this;
    }

    /** The engine stops answering (an outage since {@code since}), or, with null, answers again. */
    public void outage(Outage down) {
        this.outage = down;
    }

    @Override
    public void close() {
    }
}
