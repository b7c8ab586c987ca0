package io.dhm.check;

import io.dhm.config.WatchSettings;
import io.dhm.engine.ContainerView;
import io.dhm.config.Glob;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A custom check of one container: an HTTP request, a TCP connect, or a command run inside it. Declared by the
 * container's labels ({@code healthmonitor.check.http}, {@code .tcp} or {@code .exec}, with {@code .status},
 * {@code .body}, {@code .timeout}, {@code .interval}, {@code .failures}) or, for containers whose labels cannot be
 * changed, by a CUSTOM_CHECKS rule; labels win.
 *
 * @param target   the URL, host:port, or shell command
 * @param status   HTTP only: accepted codes, e.g. "200", "200,204", "2xx"
 * @param body     HTTP only: a pattern the answer must contain, or null
 * @param failures consecutive failures that make the container unhealthy
 */
public record CheckSpec(Type type, String target, String status, Pattern body, Duration timeout, Duration interval,
                        int failures) {

    /** The kind of check. */
    public enum Type { HTTP, TCP, EXEC }

    static final String PREFIX = "healthmonitor.check.";

    /** The check a container declares, if any; an unusable declaration is an {@link IllegalArgumentException}. */
    public static Optional<CheckSpec> of(ContainerView container, WatchSettings settings) {
        return of(container, settings, settings.customChecks());
    }

    /** The same, with the CUSTOM_CHECKS rules and those added through the API. */
    public static Optional<CheckSpec> of(ContainerView container, WatchSettings settings, List<WatchSettings.CheckRule> rules) {
        for (Type type : Type.values()) {
            String target = container.label(PREFIX + type.name().toLowerCase(Locale.ROOT));
            if (target != null && !target.isBlank()) {
                return Optional.of(build(type, target.trim(), container, settings));
            }
        }
        return rules.stream()
                .filter(rule -> Glob.of(rule.nameGlob()).matches(container.name()))
                .findFirst()
                .map(rule -> fromRule(rule.check(), container, settings));
    }

    /** A CUSTOM_CHECKS rule's check, whose form WatchSettings has already checked at start-up. */
    private static CheckSpec fromRule(String check, ContainerView container, WatchSettings settings) {
        if (check.startsWith("http://") || check.startsWith("https://")) {
            return build(Type.HTTP, check, container, settings);
        }
        if (check.startsWith("tcp://")) {
            return build(Type.TCP, check.substring("tcp://".length()), container, settings);
        }
        return build(Type.EXEC, check.substring("exec:".length()).trim(), container, settings);
    }

    private static CheckSpec build(Type type, String target, ContainerView container, WatchSettings settings) {
        if (type == Type.HTTP) {
            URI uri = URI.create(target);
            if (uri.getHost() == null || uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("'" + target + "' is not an http(s) URL");
            }
        }
        if (type == Type.TCP) {
            TcpProbe.address(target);
        }
        String status = Optional.ofNullable(container.label(PREFIX + "status")).orElse("2xx").trim();
        StatusCodes.parse(status);
        String body = container.label(PREFIX + "body");
        return new CheckSpec(type, target, status, body == null ? null : Pattern.compile(body),
                seconds(container, "timeout", settings.checkTimeout()),
                seconds(container, "interval", settings.checkInterval()),
                Optional.ofNullable(container.label(PREFIX + "failures")).map(raw -> Math.max(1, Integer.parseInt(raw.trim())))
                        .orElse(settings.checkFailures()));
    }

    private static Duration seconds(ContainerView container, String option, Duration fallback) {
        String raw = container.label(PREFIX + option);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        double seconds = Double.parseDouble(raw.trim());
        if (!(seconds > 0)) {
            throw new IllegalArgumentException(PREFIX + option + " must be a number of seconds > 0");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** For logs and alerts: "http http://127.0.0.1:8080/health". */
    public String describe() {
        return type.name().toLowerCase(Locale.ROOT) + " " + target;
    }

    List<Object> identity() {
        return List.of(type, target, status, body == null ? "" : body.pattern(), timeout, interval, failures);
    }
}
