package io.dhm.heal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What auto-heal remembers of one container (by the identity that survives a redeploy), kept in the database so a
 * restarted monitor keeps its limits: the restarts within the window, the backoff before the next one, and whether
 * it gave up (quarantine).
 *
 * @param containerId   the container these restarts were for; a new id (a redeploy) starts a fresh record
 * @param backoff       how long after {@code lastRestart} the next restart may come
 * @param quarantinedAt when auto-heal gave up on it, or null
 */
public record HealRecord(String containerId, List<Instant> restarts, Instant lastRestart, Duration backoff,
                         Instant quarantinedAt, String quarantineReason) {

    public HealRecord {
        restarts = List.copyOf(restarts);
    }

    static HealRecord fresh(String containerId) {
        return new HealRecord(containerId, List.of(), null, null, null, null);
    }

    public boolean quarantined() {
        return quarantinedAt != null;
    }
}
