package io.dhm.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One container event of the engine's stream ("start", "die", "health_status: unhealthy" ...).
 *
 * @param id         the container's id
 * @param time       when the engine saw it (its own clock, to the nanosecond when it says so), or null when it did not say
 * @param attributes the container's name, image and labels as the event carries them, and the action's fields
 *                   (exitCode, signal); empty when none
 */
public record EngineEvent(String action, String id, Instant time, Map<String, String> attributes) {

    public EngineEvent {
        // a copy that keeps what the engine sent, null values too
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(attributes));
    }
}
