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

    private static final class State {
        Level announced = Level.OK;
        Level candidate = Level.OK;
        Instant candidateSince;
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    public static Level level(double value, double warning, double critical) {
        if (value >= critical) {
            return Level.CRITICAL;
        }
        return value >= warning ? Level.WARNING : Level.OK;
    }

    public Optional<Shift> observe(String key, String metric, double value, double warning, double critical,
                                   Duration sustained, Instant at) {
        State state = states.computeIfAbsent(key + "|" + metric, k -> new State());
        synchronized (state) {
            Level now = level(value, warning, critical);
            if (now != state.candidate || state.candidateSince == null) {
                state.candidate = now;
                state.candidateSince = at;
            }
            boolean heldLongEnough = !state.candidateSince.plus(sustained).isAfter(at);
            if (state.candidate != state.announced && heldLongEnough) {
                Shift shift = new Shift(key, metric, state.announced, state.candidate, value, state.candidateSince);
                state.announced = state.candidate;
                return Optional.of(shift);
            }
            return Optional.empty();
        }
    }

    /** Forgets containers that are gone. */
    public void retain(java.util.Set<String> keys) {
        states.keySet().removeIf(stateKey -> !keys.contains(stateKey.substring(0, stateKey.lastIndexOf('|'))));
    }
}
