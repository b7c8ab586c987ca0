package io.dhm.engine;

import java.time.Instant;
import java.util.List;

/**
 * What the engine keeps of one container's recent life, as `docker inspect` shows it in {@code .State} and
 * {@code .RestartCount}: the evidence an alert carries beside the monitor's own history.
 *
 * @param exitCode     the last exit code (0 while it has never exited)
 * @param startedAt    the last start, or null when it never started
 * @param finishedAt   the last exit, or null when it never exited
 * @param restartCount how often the engine's restart policy restarted it
 * @param failingStreak the health checks failed in a row, 0 without a healthcheck
 * @param probes       the last health checks (the engine keeps five), oldest first
 * @param networkMode  the network it joined: "container:&lt;id or name&gt;" when it shares another's (compose's
 *                     network_mode: service:x), else the network's name, or empty
 * @param restarting   its restart policy is bringing it back (between an exit and the restart)
 * @param restartPolicy "no", "always", "unless-stopped", "on-failure", or empty when the engine gives none
 * @param memoryLimit  its memory limit in bytes, 0 without one
 */
public record ContainerState(String status, boolean running, long exitCode, boolean oomKilled, String error,
                             Instant startedAt, Instant finishedAt, int restartCount, int failingStreak,
                             List<Probe> probes, String networkMode, boolean restarting, String restartPolicy,
                             long memoryLimit) {

    /** One health check the engine ran: when, its exit code (0 passed) and what it printed. */
    public record Probe(Instant start, Instant end, long exitCode, String output) {
    }

    public ContainerState {
        probes = probes == null ? List.of() : List.copyOf(probes);
        networkMode = networkMode == null ? "" : networkMode;
        restartPolicy = restartPolicy == null ? "" : restartPolicy;
    }

    /** A state without restart policy or memory limit (tests). */
    public ContainerState(String status, boolean running, long exitCode, boolean oomKilled, String error,
                          Instant startedAt, Instant finishedAt, int restartCount, int failingStreak,
                          List<Probe> probes, String networkMode) {
        this(status, running, exitCode, oomKilled, error, startedAt, finishedAt, restartCount, failingStreak, probes,
                networkMode, false, "", 0);
    }
}
