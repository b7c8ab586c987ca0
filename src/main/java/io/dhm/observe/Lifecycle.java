package io.dhm.observe;

import io.dhm.engine.ContainerState;
import io.dhm.engine.ContainerView;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that decides what happened to a container: fed by the engine's events (start, kill with its signal,
 * stop, die with its exit code, oom, pause, unpause, destroy) and by what an inspect says of its state (exit code,
 * OOMKilled, Restarting, the restart policy, the memory limit, the restart count).
 *
 * <p>`docker stop`, `docker kill`, `docker rm -f` and Compose's stop and down all make the engine send a "kill" (and
 * "stop") event before the container dies; a process that exits on its own, or that the kernel kills for memory, dies
 * with none before it. So an exit with a request since the last start is the operator's; any other is the container's
 * own. Events are placed by their own time, not by when they arrive: a request that arrives after the exit it caused
 * still makes that exit the operator's, and an exit older than the last start is an old run's. Pure logic.
 */
public class Lifecycle {

    /** Entries of removed containers are kept this long, for a wait that ends after the removal. */
    private static final Duration KEEP_REMOVED = Duration.ofHours(1);

    /** One event of a container's life, in the model's words (no engine library types). */
    public record Event(String action, String containerId, Instant at, Integer exitCode, String signal) {
    }

    /**
     * How a container's last run ended.
     *
     * @param byOperator  a stop, kill or removal was asked for since the last start
     * @param restarting  its restart policy is bringing it back
     * @param restartCount the engine's count of restarts by the policy, at the exit
     */
    public record Exit(ContainerView container, Instant at, long exitCode, boolean oom, String signal,
                       boolean byOperator, boolean restarting, String restartPolicy, long memoryLimit,
                       int restartCount) {

        /** The status the tracker gives a container that ended so: see {@link Status}. */
        public String status() {
            if (byOperator) {
                return Status.STOPPED;
            }
            if (restarting) {
                return Status.RESTARTING;
            }
            if (oom) {
                return Status.OOM_KILLED;
            }
            return exitCode == 0 && !restartsAlways() ? Status.COMPLETED : Status.EXITED;
        }

        /** An exit of its own that was not a clean finish: what auto-heal's exit mode restarts. */
        public boolean crash() {
            return !byOperator && (oom || exitCode != 0);
        }

        private boolean restartsAlways() {
            return "always".equals(restartPolicy) || "unless-stopped".equals(restartPolicy);
        }
    }

    private static final class Life {
        ContainerView view;
        Instant startedAt = Instant.MIN;
        Instant requestedAt;
        String signal;
        Instant oomAt;
        Instant diedAt;
        Integer diedWith;
        Exit exit;
        Exit previous;
        Integer restartCount;
        Instant removedAt;

        Life(ContainerView view) {
            this.view = view;
        }

        boolean requestedSinceStart() {
            return requestedAt != null && !requestedAt.isBefore(startedAt);
        }
    }

    private final Map<String, Life> lives = new HashMap<>();

    /** One event; {@code view} is the container as the event (or an inspect) describes it. */
    public synchronized void record(Event event, ContainerView view) {
        Life life = lives.computeIfAbsent(event.containerId(), id -> new Life(view));
        if (view != null) {
            life.view = view;
        }
        Instant at = event.at();
        switch (event.action()) {
            case "start" -> started(life, at);
            case "kill", "stop" -> {
                if (life.requestedAt == null || at.isAfter(life.requestedAt)) {
                    life.requestedAt = at;
                }
                if (event.signal() != null) {
                    life.signal = event.signal();
                }
                markRequested(life);
            }
            case "oom" -> life.oomAt = at;
            case "die" -> {
                if (at.isBefore(life.startedAt)) {
                    return; // the end of a run older than the last start
                }
                life.diedAt = at;
                life.diedWith = event.exitCode();
                life.exit = exitFrom(life, null);
            }
            case "destroy" -> {
                life.removedAt = at;
                if (life.exit == null && life.diedAt == null) {
                    // removed while running with no exit seen (events lost): a removal is always asked for
                    life.requestedAt = at;
                }
                forgetRemovedBefore(at.minus(KEEP_REMOVED));
            }
            default -> {
                // pause, unpause, health_status, rename: the inspect that follows says what they changed
            }
        }
    }

    /** A start at {@code at}, told by its event or by an inspect: an exit before it is over, and becomes the previous run's. */
    private static void started(Life life, Instant at) {
        if (at.isAfter(life.startedAt)) {
            life.startedAt = at;
        }
        if (life.exit != null && life.exit.at().isBefore(at)) {
            life.previous = life.exit;
            life.exit = null;
        }
    }

    /** A late "kill" or "stop" for an exit already recorded makes that exit the operator's. */
    private static void markRequested(Life life) {
        if (life.exit != null && !life.exit.byOperator() && life.requestedSinceStart()
                && (life.diedAt == null || !life.requestedAt.isAfter(life.diedAt))) {
            Exit e = life.exit;
            life.exit = new Exit(e.container(), e.at(), e.exitCode(), e.oom(), life.signal, true, e.restarting(),
                    e.restartPolicy(), e.memoryLimit(), e.restartCount());
        }
    }

    /**
     * What the engine's inspect says of the container now; returns the status the tracker gives it. A running
     * container's is its health ("starting", "healthy", "unhealthy"), "running" without a health check, or "paused";
     * an ended one's is how it ended ({@link Exit#status()}).
     */
    public synchronized String inspected(ContainerView view, ContainerState state) {
        Life life = lives.computeIfAbsent(view.id(), id -> new Life(view));
        life.view = view;
        if (state != null) {
            life.restartCount = state.restartCount();
        }
        if (state != null && state.startedAt() != null && (state.running() || state.restarting())) {
            started(life, state.startedAt());
        }
        if (view.paused()) {
            return Status.PAUSED;
        }
        if ("restarting".equals(view.state()) || state != null && state.restarting()) {
            if (state != null) {
                life.exit = exitFrom(life, state);
            }
            return Status.RESTARTING;
        }
        if (view.running()) {
            return Status.ofRunning(view);
        }
        life.exit = exitFrom(life, state);
        return life.exit.status();
    }

    /** The exit as the events and (when given) the inspect tell it; the inspect's exit code and OOM flag win. */
    private static Exit exitFrom(Life life, ContainerState state) {
        Instant at = state != null && state.finishedAt() != null ? state.finishedAt()
                : life.diedAt != null ? life.diedAt : Instant.EPOCH;
        long code = state != null ? state.exitCode() : life.diedWith == null ? 0 : life.diedWith;
        boolean oom = state != null && state.oomKilled() || life.oomAt != null && !life.oomAt.isBefore(life.startedAt);
        Exit before = life.exit;
        return new Exit(life.view, at, code, oom, life.requestedSinceStart() ? life.signal : null,
                life.requestedSinceStart() || life.removedAt != null && life.diedAt == null && state == null,
                state != null ? state.restarting() : before != null && before.restarting(),
                state != null ? state.restartPolicy() : before != null ? before.restartPolicy() : "",
                state != null ? state.memoryLimit() : before != null ? before.memoryLimit() : 0,
                state != null ? state.restartCount() : before != null ? before.restartCount() : 0);
    }

    /** How the container's last run ended, while it has not started again; empty while it runs or when unknown. */
    public synchronized Optional<Exit> lastExit(String containerId) {
        Life life = lives.get(containerId);
        return life == null ? Optional.empty() : Optional.ofNullable(life.exit);
    }

    /** How the run before the current one ended: what a start followed. */
    public synchronized Optional<Exit> previousRun(String containerId) {
        Life life = lives.get(containerId);
        return life == null ? Optional.empty() : Optional.ofNullable(life.previous);
    }

    /** The engine's count of restarts by the restart policy, as the last inspect said; empty before one. */
    public synchronized Optional<Integer> restartCount(String containerId) {
        Life life = lives.get(containerId);
        return life == null ? Optional.empty() : Optional.ofNullable(life.restartCount);
    }

    /** Containers that crashed (or were killed for memory) and have not been started since. */
    public synchronized List<Exit> crashes() {
        return lives.values().stream()
                .filter(life -> life.removedAt == null && life.exit != null && life.exit.crash()
                        && !life.exit.restarting())
                .map(life -> life.exit)
                .toList();
    }

    /** True when a stop, kill or removal of the container was asked for since it last started. */
    public synchronized boolean stoppedOnPurpose(String containerId) {
        Life life = lives.get(containerId);
        return life != null && life.requestedSinceStart();
    }

    private void forgetRemovedBefore(Instant before) {
        lives.values().removeIf(life -> life.removedAt != null && life.removedAt.isBefore(before));
    }
}
