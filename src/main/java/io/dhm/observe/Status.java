package io.dhm.observe;

import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;

import java.util.Set;

/**
 * The words the tracker, the alerts, the API and the dashboard use for where a container is. A running container's
 * is its health, or "running" without a health check; an ended one's says how it ended.
 */
public final class Status {

    /** Running, no health check: judged by its lifecycle alone. */
    public static final String RUNNING = "running";
    /** Paused by `docker pause`: deliberate, quiet unless PAUSE_WARNING_MIN says otherwise. */
    public static final String PAUSED = "paused";
    /** Exited and being brought back by its restart policy: the crash-restart watch counts it. */
    public static final String RESTARTING = "restarting";
    /** Stopped, killed or removed at the operator's request. */
    public static final String STOPPED = "stopped";
    /** Exited 0 under restart policy "no" or "on-failure": a job that finished. */
    public static final String COMPLETED = "completed";
    /** Exited on its own with a non-zero code (or 0 under "always"), not brought back. */
    public static final String EXITED = "exited";
    /** Killed by the kernel for memory (OOMKilled), not brought back. */
    public static final String OOM_KILLED = "oom_killed";
    /** Gone with nothing known of how: no longer listed, and the engine no longer has it. */
    public static final String NOT_FOUND = Transition.NOT_FOUND;

    private static final Set<String> TROUBLE = Set.of("unhealthy", NOT_FOUND, EXITED, OOM_KILLED);
    private static final Set<String> ENDED = Set.of(STOPPED, COMPLETED, EXITED, OOM_KILLED);

    private Status() {
    }

    /** A status that starts a confirmation wait and, if it lasts, an alert. */
    public static boolean trouble(String status) {
        return status != null && TROUBLE.contains(status);
    }

    /** A status of a container that is no longer running: a full list no longer shows it, which is no news. */
    public static boolean ended(String status) {
        return status != null && ENDED.contains(status);
    }

    /** A running container's status: its health, or "running" without a health check. */
    public static String ofRunning(ContainerView view) {
        return view.health() == Health.NONE ? RUNNING : view.health().word();
    }

    /** What a container is fine again at: healthy, or running when it has no health check. */
    public static boolean fine(String status) {
        return "healthy".equals(status) || RUNNING.equals(status);
    }
}
