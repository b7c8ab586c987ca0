package io.dhm.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Typed, validated reads of the merged settings; every error names the environment variable of the key. A setting
 * left empty takes its default from the bundled application.properties, the one place defaults are written: a key
 * read here that the file does not declare is a programming error, and so is a required setting without a default.
 */
final class PropertyReader {

    /** The largest number a setting takes: over three years in seconds. */
    static final double MAX_NUMBER = 100_000_000;

    private final Properties properties;

    PropertyReader(Properties properties) {
        this.properties = properties;
    }

    Optional<String> optional(String key) {
        return value(properties, key).or(() -> value(SettingSources.defaults(), key));
    }

    private static Optional<String> value(Properties from, String key) {
        if (!SettingSources.defaults().containsKey(key)) {
            throw new IllegalStateException(key + " is read but not declared in the bundled application.properties");
        }
        return Optional.ofNullable(from.getProperty(key)).map(String::trim).filter(value -> !value.isEmpty());
    }

    /** Whether the user gave this key a value of their own (not empty, not the bundled default). */
    boolean setByUser(String key) {
        return value(properties, key).filter(own -> !own.equals(SettingSources.defaults().getProperty(key))).isPresent();
    }

    String text(String key) {
        return optional(key).orElseThrow(() -> new IllegalStateException(key + " has no default in application.properties"));
    }

    int port(String key) {
        String raw = text(key);
        try {
            int port = Integer.parseInt(raw);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the value
        }
        throw invalid(key, "'" + raw + "' is not a port number (1-65535)");
    }

    /**
     * A number of seconds, minutes or a percentage; at most {@link #MAX_NUMBER}, so that no setting's duration can
     * overflow a point in time (99999999999999999999 seconds of cooldown would fail every alert that meets it).
     */
    double number(String key, boolean zeroAllowed) {
        String raw = text(key);
        double value;
        try {
            value = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (Double.isNaN(value) || value < 0 || value > MAX_NUMBER || (!zeroAllowed && value == 0)) {
            throw invalid(key, "'" + raw + "' is not a " + (zeroAllowed ? "number >= 0" : "number > 0")
                    + " and at most " + (long) MAX_NUMBER);
        }
        return value;
    }

    long wholeNumber(String key, long max) {
        String raw = text(key);
        try {
            long value = Long.parseLong(raw);
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the value
        }
        throw invalid(key, "'" + raw + "' is not a whole number from 0 to " + max);
    }

    boolean flag(String key) {
        String raw = text(key).toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> throw invalid(key, "'" + raw + "' is not 1/0 or true/false");
        };
    }

    /** A comma-separated list; empty when the key is not set. */
    List<String> list(String key) {
        return optional(key).map(raw -> Arrays.stream(raw.split(","))
                .map(String::trim).filter(item -> !item.isEmpty()).toList()).orElse(List.of());
    }

    /** A comma-separated list of name globs, each within {@link Glob#MAX_LENGTH}. */
    List<String> globs(String key) {
        List<String> globs = list(key);
        globs.forEach(glob -> Glob.checked(SettingSources.variableName(key), glob));
        return globs;
    }

    static InvalidSettingException invalid(String key, String problem) {
        return new InvalidSettingException(SettingSources.variableName(key), problem);
    }
}
