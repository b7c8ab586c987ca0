package io.dhm.observe;

import io.dhm.engine.ContainerView;

import java.time.Instant;

/**
 * One container as the tracker sees it.
 *
 * @param status       "starting", "healthy", "unhealthy", "not_found" (or "unknown" before its first status)
 * @param phase        OK, PENDING (confirmation under way) or ALERTED
 * @param statusSince  when the status last changed, or null before the first change
 * @param troubleSince when the current episode of trouble began, or null
 * @param alertedAt    when it was last alerted, or null
 */
public record TrackedContainer(ContainerView container, String status, String phase, Instant statusSince,
                               Instant troubleSince, Instant alertedAt) {
}
