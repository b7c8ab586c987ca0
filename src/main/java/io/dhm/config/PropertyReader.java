package io.dhm.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/** Typed, validated reads of the merged settings; every error names the environment variable of the key. */
final class PropertyReader {

    private final Properties properties;

    PropertyReader(Properties properties) {
        this.properties = properties;
    }

    Optional<String> optional(String key) {
        return Optional.ofNullable(properties.getProperty(key)).map(String::trim).filter(value -> !value.isEmpty());
    }

    String text(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    int port(String key, int fallback) {
        String raw = optional(key).orElse(null);
        if (raw == null) {
            return fallback;
        }
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

    double number(String key, double fallback, boolean zeroAllowed) {
        String raw = optional(key).orElse(null);
        if (raw == null) {
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0 || (!zeroAllowed && value == 0)) {
            throw invalid(key, "'" + raw + "' is not a " + (zeroAllowed ? "number >= 0" : "number > 0"));
        }
        return value;
    }

    long wholeNumber(String key, long fallback, long max) {
        String raw = optional(key).orElse(null);
        if (raw == null) {
            return fallback;
        }
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
        String raw = optional(key).map(value -> value.toLowerCase(Locale.ROOT)).orElse("0");
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

    static InvalidSettingException invalid(String key, String problem) {
        return new InvalidSettingException(SettingSources.variableName(key), problem);
    }
}
