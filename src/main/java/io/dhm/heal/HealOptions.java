package io.dhm.heal;

import io.dhm.config.HealSettings;
import io.dhm.config.HealSettings.HealMode;
import io.dhm.engine.ContainerView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The auto-heal settings for one container: the AUTOHEAL_* values, overridden by its labels
 * {@code autoheal.mode}, {@code autoheal.wait.sec}, {@code autoheal.max.restarts} and {@code autoheal.stop.timeout}.
 * A label that cannot be read is logged and the setting used instead: one container's typo must not stop the monitor.
 */
public record HealOptions(HealMode mode, Duration healWait, int maxRestarts, int stopTimeoutSec) {

    private static final Logger LOG = LoggerFactory.getLogger(HealOptions.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    public static HealOptions of(ContainerView container, HealSettings settings) {
        return new HealOptions(
                label(container, "autoheal.mode", settings.mode(), raw -> HealMode.valueOf(raw.toUpperCase(Locale.ROOT))),
                label(container, "autoheal.wait.sec", settings.healWait(),
                        raw -> Duration.ofMillis(Math.round(1000 * nonNegative(Double.parseDouble(raw))))),
                label(container, "autoheal.max.restarts", settings.maxRestarts(), raw -> (int) nonNegative(Integer.parseInt(raw))),
                label(container, "autoheal.stop.timeout", settings.stopTimeoutSec(), raw -> (int) nonNegative(Integer.parseInt(raw))));
    }

    private static double nonNegative(double value) {
        if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("negative");
        }
        return value;
    }

    private static <T> T label(ContainerView container, String key, T fallback, Function<String, T> parse) {
        String raw = container.label(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return parse.apply(raw.trim());
        } catch (RuntimeException e) {
            if (WARNED.add(container.id() + key)) {
                LOG.warn("{}: label {}='{}' is not usable; using {}", container.name(), key, raw, fallback);
            }
            return fallback;
        }
    }
}
