package io.dhm.alert;

import io.dhm.observe.Lifecycle;
import io.dhm.observe.Status;

import java.io.Serializable;
import java.time.Duration;

/**
 * Why an alert was raised, as its headline says it and as the JSON of webhooks and endpoints carries it (field
 * {@code cause}): what kind of trouble, and what the engine said of the exit.
 *
 * @param kind        "unhealthy", "exited", "oom_killed", "crash_restarts", "stopped", "paused" or "not_found"
 * @param summary     the headline: "Exited with code 3", "Killed for memory (OOMKilled), limit 32 MiB", ...
 * @param exitCode    the last exit code, or null when it has not exited
 * @param signal      the signal of the operator's kill ("SIGKILL", "15"), or null
 * @param oom         killed by the kernel for memory
 * @param restarts    restarts by its restart policy (within the episode for crash_restarts), or null
 * @param byOperator  a stop, kill or removal the operator asked for
 * @param memoryLimit the memory limit in bytes, or null without one
 */
public record Cause(String kind, String summary, Long exitCode, String signal, boolean oom, Integer restarts,
                    boolean byOperator, Long memoryLimit) implements Serializable {

    private static final long MIB = 1024L * 1024;

    /** A health check that keeps failing: the classic alert, whose headline stays the same. */
    public static Cause unhealthy() {
        return new Cause("unhealthy", "Health Status Changed", null, null, false, null, false, null);
    }

    /** Gone, with nothing known of how. */
    public static Cause gone() {
        return new Cause(Status.NOT_FOUND, "Health Status Changed", null, null, false, null, false, null);
    }

    /** How a run ended, as the lifecycle tells it. */
    public static Cause ofExit(Lifecycle.Exit exit) {
        Long limit = exit.memoryLimit() > 0 ? exit.memoryLimit() : null;
        String kind = exit.status();
        String summary = switch (kind) {
            case Status.STOPPED -> "Stopped by the operator";
            case Status.OOM_KILLED -> oomSummary(limit);
            case Status.COMPLETED -> "Completed (exit code 0)";
            default -> "Exited with code " + exit.exitCode();
        };
        return new Cause(kind, summary, exit.exitCode(), exit.signal(), exit.oom(), exit.restartCount(),
                exit.byOperator(), limit);
    }

    /** Restarted by its restart policy {@code restarts} times within {@code window}: one alert per episode. */
    public static Cause crashRestarts(int restarts, Duration window, Lifecycle.Exit last) {
        String restarted = "estarted by Docker " + restarts + (restarts == 1 ? " time" : " times") + " in " + window(window);
        Long limit = last == null || last.memoryLimit() == 0 ? null : last.memoryLimit();
        String summary = last == null ? "R" + restarted
                : last.oom() ? oomSummary(limit) + "; r" + restarted
                : "R" + restarted + "; last exit code " + last.exitCode();
        return new Cause("crash_restarts", summary, last == null ? null : last.exitCode(), null,
                last != null && last.oom(), restarts, false,
                last == null || last.memoryLimit() == 0 ? null : last.memoryLimit());
    }

    /** Paused for longer than PAUSE_WARNING_MIN. */
    public static Cause paused(Duration pausedFor) {
        return new Cause(Status.PAUSED, "Paused for " + window(pausedFor), null, null, false, null, true, null);
    }

    static String oomSummary(Long limit) {
        return "Killed for memory (OOMKilled)" + (limit == null ? "" : ", limit " + mebibytes(limit));
    }

    /** Bytes as the headline gives a memory limit: "32 MiB", "1.5 MiB". */
    public static String mebibytes(long bytes) {
        long tenths = Math.round(bytes * 10.0 / MIB);
        return (tenths % 10 == 0 ? String.valueOf(tenths / 10) : String.valueOf(tenths / 10.0)) + " MiB";
    }

    /** A window as headlines give it: "10 min", "2 h", "45 s". */
    public static String window(Duration window) {
        long seconds = window.toSeconds();
        if (seconds % 3600 == 0 && seconds > 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0 && seconds > 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
