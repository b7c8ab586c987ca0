package io.dhm.resource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sustained-for rule of resource alerts, per container and metric: a level (WARNING, CRITICAL, or back to OK)
 * counts only once every sample for RESOURCE_SUSTAINED_SEC has been at it, so a one-sample spike is never an alert.
 * A change of the sustained level from the one last announced is returned once. Pure logic.
 */
public class ResourceLevels {

    /** Where a reading stands against its thresholds. */
    public enum Level { OK, WARNING, CRITICAL }

    /** The sustained level changed: announce it. */
    public record Shift(String key, String metric, Level from, Level to, double value, Instant since) {
    }

    /** Since when the readings have been at or above each level without a break (null: not now). */
    private static final class State {
        Level announced = Level.OK;
        Instant warningSince;
        Instant criticalSince;
        Instant okSince;
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    public static Level level(double value, double warning, double critical) {
        if (value >= critical) {
            return Level.CRITICAL;
        }
        return value >= warning ? Level.WARNING : Level.OK;
    }

    /**
     * A reading; the shift to announce, if any. A level counts once every reading for {@code sustained} has been at
     * least at it, so readings that swing between WARNING and CRITICAL still add up to a sustained WARNING.
     */
    public Optional<Shift> observe(String key, String metric, double value, double warning, double critical,
                                   Duration sustained, Instant at) {
        State state = states.computeIfAbsent(key + "|" + metric, k -> new State());
        synchronized (state) {
            Level now = level(value, warning, critical);
            state.criticalSince = now == Level.CRITICAL ? since(state.criticalSince, at) : null;
            state.warningSince = now != Level.OK ? since(state.warningSince, at) : null;
            state.okSince = now == Level.OK ? since(state.okSince, at) : null;
            Level held = held(state.criticalSince, sustained, at) ? Level.CRITICAL
                    : held(state.warningSince, sustained, at) ? Level.WARNING
                    : held(state.okSince, sustained, at) ? Level.OK
                    : state.announced;
            if (held == state.announced) {
                return Optional.empty();
            }
            Instant since = switch (held) {
                case CRITICAL -> state.criticalSince;
                case WARNING -> state.warningSince;
                case OK -> state.okSince;
            };
            Shift shift = new Shift(key, metric, state.announced, held, value, since);
            state.announced = held;
            return Optional.of(shift);
        }
    }

    private static Instant since(Instant since, Instant at) {
        return since == null ? at : since;
    }

    private static boolean held(Instant since, Duration sustained, Instant at) {
        return since != null && !since.plus(sustained).isAfter(at);
    }

    /** Forgets containers that are gone. */
    public void retain(java.util.Set<String> keys) {
        states.keySet().removeIf(stateKey -> !keys.contains(stateKey.substring(0, stateKey.lastIndexOf('|'))));
    }
}
