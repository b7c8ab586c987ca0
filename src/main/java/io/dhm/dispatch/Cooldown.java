package io.dhm.dispatch;

import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ALERT_COOLDOWN_SEC: at most one CRITICAL or ERROR alert per container, severity and kind (unhealthy,
 * quarantined, restart loop...) within the cooldown,
 * however often it breaks and comes back. Recoveries always pass, so nobody is left thinking a container is down.
 */
public class Cooldown {

    private static final Logger LOG = LoggerFactory.getLogger(Cooldown.class);

    private final Supplier<Duration> cooldown;
    private final Clock clock;
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();

    /** @param cooldown ALERT_COOLDOWN_SEC as it is now: the API may change it while the monitor runs */
    public Cooldown(Supplier<Duration> cooldown, Clock clock) {
        this.cooldown = cooldown;
        this.clock = clock;
    }

    public boolean allows(Alert alert) {
        Duration cooldown = this.cooldown.get();
        if (alert.severity() == Severity.INFO || cooldown.isZero()) {
            return true;
        }
        Instant now = clock.instant();
        String key = alert.qualifiedContainer() + "|" + alert.severity() + "|" + alert.toStatus();
        Instant previous = lastSent.get(key);
        if (previous != null && previous.plus(cooldown).isAfter(now)) {
            LOG.info("{} not sent: {} had a {} alert {} s ago (ALERT_COOLDOWN_SEC={})", alert, alert.qualifiedContainer(),
                    alert.severity(), Duration.between(previous, now).toSeconds(), cooldown.toSeconds());
            return false;
        }
        lastSent.put(key, now);
        return true;
    }
}
