package io.dhm.heal;

import com.github.dockerjava.api.model.Event;
import io.dhm.engine.ContainerView;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a crash from a stop by the engine's events. `docker stop`, `docker kill`, `docker restart` and `compose
 * down` all make the engine send a "kill" event before the container dies; a process that exits on its own (or is
 * killed by the kernel for memory) dies with no "kill" before it. So a "die" with a non-zero exit code and no
 * "kill" since the last "start" is a crash, and stays one until the container starts again (its own restart policy,
 * the operator, or auto-heal) or is removed.
 */
public class ExitWatch {

    private final Clock clock;

    public ExitWatch(Clock clock) {
        this.clock = clock;
    }

    /** For the engine-events route: an event of the engine named {@code engine} (null: the single engine). */
    public void onEvent(Event event, String engine) {
        Map<String, String> attributes = event.getActor() == null ? Map.of() : event.getActor().getAttributes();
        String exitCode = attributes == null ? null : attributes.get("exitCode");
        record(event.getAction(), ContainerView.fromEvent(event.getId(), attributes, false).on(engine),
                exitCode == null ? null : Integer.valueOf(exitCode), clock.instant());
    }

    private final Set<String> stoppedOnPurpose = ConcurrentHashMap.newKeySet();
    private final Map<String, Crash> crashes = new ConcurrentHashMap<>();

    /** One container event: action "kill", "die", "start" or "destroy"; others are ignored. */
    void record(String action, ContainerView container, Integer exitCode, Instant at) {
        String id = container.id();
        switch (action) {
            case "kill" -> stoppedOnPurpose.add(id);
            case "die" -> {
                if (!stoppedOnPurpose.contains(id) && exitCode != null && exitCode != 0) {
                    crashes.put(id, new Crash(container, exitCode, at));
                }
            }
            case "start", "destroy" -> forget(id);
            default -> {
                // not about how a container ended
            }
        }
    }

    private void forget(String id) {
        crashes.remove(id);
        stoppedOnPurpose.remove(id);
    }

    /** Containers that crashed and have not been started since. */
    public List<Crash> crashes() {
        return List.copyOf(crashes.values());
    }

    /** True when the engine said someone stopped or killed the container since it last started. */
    public boolean stoppedOnPurpose(String containerId) {
        return stoppedOnPurpose.contains(containerId);
    }

    /** A container died on its own with a non-zero exit code. */
    public record Crash(ContainerView container, int exitCode, Instant at) {
    }
}
