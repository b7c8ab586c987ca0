package io.dhm.heal;

import io.dhm.config.HealSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When a container that needs a restart gets one, Kubernetes-style: the first at once, then a backoff doubling from
 * AUTOHEAL_BACKOFF_INITIAL_SEC to AUTOHEAL_BACKOFF_MAX_SEC between restarts, reset once the container has run
 * AUTOHEAL_BACKOFF_RESET_SEC without trouble; at most N restarts within AUTOHEAL_RESTART_WINDOW_SEC, after which it
 * is quarantined (no more restarts) until AUTOHEAL_QUARANTINE_RELEASE_SEC has passed or it is released. Pure logic.
 */
public class RestartPolicy {

    /** What to do about a container in trouble now. */
    public enum Verdict { RESTART, WAIT, QUARANTINE, QUARANTINED }

    /** The verdict and the record to keep once it is carried out. */
    public record Decision(Verdict verdict, HealRecord record, Instant notBefore) {
    }

    private final HealSettings settings;

    public RestartPolicy(HealSettings settings) {
        this.settings = settings;
    }

    /**
     * @param troubleSince when the trouble that asks for this restart began
     * @param maxRestarts  the container's limit (AUTOHEAL_MAX_RESTARTS or its label)
     */
    public Decision decide(HealRecord record, Instant troubleSince, Instant now, int maxRestarts) {
        HealRecord current = released(record, now);
        if (current.quarantined()) {
            return new Decision(Verdict.QUARANTINED, current, null);
        }
        List<Instant> recent = new ArrayList<>(current.restarts().stream()
                .filter(at -> at.plus(settings.restartWindow()).isAfter(now)).toList());
        boolean ranLongEnough = current.lastRestart() != null
                && !current.lastRestart().plus(settings.backoffReset()).isAfter(troubleSince);
        Duration backoff = current.backoff() == null || ranLongEnough ? null : current.backoff();
        Instant lastRestart = backoff == null ? null : current.lastRestart();
        if (recent.size() >= maxRestarts) {
            String reason = recent.size() + " restarts within " + settings.restartWindow().toSeconds()
                    + " s did not fix it (limit " + maxRestarts + ": AUTOHEAL_MAX_RESTARTS or the autoheal.max.restarts label)";
            return new Decision(Verdict.QUARANTINE, new HealRecord(current.containerId(), recent, current.lastRestart(),
                    current.backoff(), now, reason), null);
        }
        if (lastRestart != null && lastRestart.plus(backoff).isAfter(now)) {
            return new Decision(Verdict.WAIT, current, lastRestart.plus(backoff));
        }
        recent.add(now);
        Duration next = backoff == null ? settings.backoffInitial() : min(backoff.multipliedBy(2), settings.backoffMax());
        return new Decision(Verdict.RESTART, new HealRecord(current.containerId(), recent, now, next, null, null), now.plus(next));
    }

    /** A quarantine ends by itself once AUTOHEAL_QUARANTINE_RELEASE_SEC has passed (zero: never by itself). */
    public HealRecord released(HealRecord record, Instant now) {
        Duration release = settings.quarantineRelease();
        if (record.quarantined() && !release.isZero() && !record.quarantinedAt().plus(release).isAfter(now)) {
            return HealRecord.fresh(record.containerId());
        }
        return record;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
