package io.dhm.api;

import io.dhm.ack.Acknowledgement;

import java.time.Instant;

/**
 * One container as the API and the dashboard show it.
 *
 * @param engine       the engine that runs it: one of DOCKER_HOSTS, or "local" for the single engine of DOCKER_HOST
 * @param state        the engine's status line ("Up 3 hours (healthy)"), or "gone" for a tracked container that is
 *                     no longer running
 * @param status       the monitor's view: starting, healthy, unhealthy, not_found, or unwatched (no healthcheck)
 * @param phase        OK, PENDING (confirmation under way), ALERTED, or null when not watched
 * @param pendingUntil when a pending confirmation ends (the recheck), or null
 * @param monitored    false when the operator took it out of monitoring
 * @param cpuPercent   CPU of the last resource sample (100 = one CPU), or null before the first
 * @param memoryPercent memory of its limit at the last resource sample, or null before the first
 * @param acknowledged  the operator's acknowledgement of its alerted episode, or null
 */
public record ContainerInfo(String id, String name, String key, String engine, String project, String image, String state,
                            String status, String phase, Instant statusSince, Instant troubleSince,
                            Instant pendingUntil, boolean monitored, boolean quarantined, String healthOutput,
                            Double cpuPercent, Double memoryPercent, Acknowledgement acknowledged) {
}
