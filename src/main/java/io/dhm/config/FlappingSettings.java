package io.dhm.config;

import java.time.Duration;
import java.util.Properties;

/**
 * Flapping (FLAPPING_COUNT, FLAPPING_WINDOW_MIN): a container that goes unhealthy and comes back {@code count} times
 * within {@code window} is reported once, however short each spell was.
 *
 * @param count  the return within the window that makes it flapping (0 = off)
 * @param window how far back returns count, and how long a flapping container must stay up to be stable again
 */
public record FlappingSettings(int count, Duration window) {

    static FlappingSettings read(Properties properties) {
        PropertyReader p = new PropertyReader(properties);
        return new FlappingSettings((int) p.wholeNumber("flapping.count", 1000),
                Duration.ofMillis(Math.round(60_000 * p.number("flapping.window.min", false))));
    }

    public boolean enabled() {
        return count > 0;
    }

    @Override
    public String toString() {
        return enabled() ? "flapping=" + count + " returns per " + window.toMillis() / 60_000.0 + " min" : "flapping=off";
    }
}
