package io.dhm.rootcause;

import io.dhm.engine.ContainerView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a container depends on, read from what the engine knows of it:
 * <ul>
 *   <li>Compose's {@code com.docker.compose.depends_on} label ({@code db:service_healthy:false,cache:service_started:true}:
 *       service, condition, and whether Compose restarts it with the dependency), services of the same project;</li>
 *   <li>its network mode {@code container:<id or name>} (Compose's {@code network_mode: service:x} or
 *       {@code container:x}, {@code docker run --network container:x});</li>
 *   <li>the {@code healthmonitor.depends_on} label for the rest: container names, or services of its compose project,
 *       comma-separated; {@code healthmonitor.restart_with_dependency=true} has it restarted with them.</li>
 * </ul>
 * A name that matches no watched container is ignored, with one log line per container and name.
 */
public class Dependencies {

    public static final String COMPOSE_LABEL = "com.docker.compose.depends_on";
    public static final String LABEL = "healthmonitor.depends_on";
    public static final String RESTART_WITH_LABEL = "healthmonitor.restart_with_dependency";

    /** One dependency of a container, resolved: the container depended on, and whether to restart with it. */
    public record Dependency(ContainerView on, boolean restartWith) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Dependencies.class);

    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /**
     * The containers among {@code watched} that {@code container} depends on.
     *
     * @param networkMode the container's network mode, as its inspect says it
     */
    public List<Dependency> of(ContainerView container, String networkMode, Collection<ContainerView> watched) {
        List<Dependency> found = new ArrayList<>();
        String compose = container.label(COMPOSE_LABEL);
        if (compose != null && container.project() != null) {
            for (String entry : compose.split(",")) {
                String[] parts = entry.trim().split(":");
                if (!parts[0].isEmpty()) {
                    resolve(container, parts[0], watched, parts.length > 2 && parts[2].equals("true"), COMPOSE_LABEL, found);
                }
            }
        }
        if (networkMode != null && networkMode.startsWith("container:")) {
            resolve(container, networkMode.substring("container:".length()), watched, false, "network mode", found);
        }
        String own = container.label(LABEL);
        if (own != null) {
            boolean restartWith = "true".equalsIgnoreCase(container.label(RESTART_WITH_LABEL));
            for (String name : own.split(",")) {
                if (!name.isBlank()) {
                    resolve(container, name.trim(), watched, restartWith, LABEL, found);
                }
            }
        }
        return found;
    }

    private void resolve(ContainerView container, String name, Collection<ContainerView> watched, boolean restartWith,
                         String source, List<Dependency> found) {
        List<ContainerView> matches = watched.stream()
                .filter(other -> !other.key().equals(container.key()) && other.engineName().equals(container.engineName())
                        && names(other, name, container.project()))
                .toList();
        if (matches.isEmpty() && reported.add(container.key() + "|" + name)) {
            LOG.info("{} [{}] depends on '{}' ({}), which is no container the monitor watches; ignored",
                    container.displayName(), container.projectLabel(), name, source);
        }
        matches.forEach(on -> found.add(new Dependency(on, restartWith)));
    }

    /** By name, id (12 characters or more) or, within the same compose project, service (always on the same engine). */
    private static boolean names(ContainerView candidate, String name, String project) {
        return candidate.name().equals(name)
                || (name.length() >= 12 && candidate.id().startsWith(name))
                || (project != null && project.equals(candidate.project()) && name.equals(candidate.service()));
    }
}
