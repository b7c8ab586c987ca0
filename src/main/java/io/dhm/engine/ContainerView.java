package io.dhm.engine;

import com.github.dockerjava.api.model.Container;

import java.io.Serializable;
import java.util.Map;

/**
 * What the monitor needs to know of one container at one moment.
 *
 * @param healthOutput the last healthcheck's exit code and output; only an inspect carries it, so it is empty from a list
 * @param engine       the name of the engine that runs it when the monitor watches several (DOCKER_HOSTS), else null
 * @param state        the engine's word for where it is in its life: "running", "paused", "restarting" (its restart
 *                     policy brings it back), "exited", "created", "dead" or "removing"
 */
public record ContainerView(String id, String name, String image, String project, String service, String replica,
                            boolean running, Health health, String healthOutput, Map<String, String> labels,
                            String engine, String state) implements Serializable {

    /** The name of the one engine of a monitor that watches a single engine (DOCKER_HOST). */
    public static final String SINGLE_ENGINE = "local";

    static final String PROJECT_LABEL = "com.docker.compose.project";
    static final String SERVICE_LABEL = "com.docker.compose.service";
    static final String REPLICA_LABEL = "com.docker.compose.container-number";

    public ContainerView {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        state = state == null || state.isBlank() ? (running ? "running" : "exited") : state; // a view kept before there was one
    }

    /** A view whose state follows from {@code running}. */
    public ContainerView(String id, String name, String image, String project, String service, String replica,
                         boolean running, Health health, String healthOutput, Map<String, String> labels, String engine) {
        this(id, name, image, project, service, replica, running, health, healthOutput, labels, engine, null);
    }

    /** A view of a container on the single engine. */
    public ContainerView(String id, String name, String image, String project, String service, String replica,
                         boolean running, Health health, String healthOutput, Map<String, String> labels) {
        this(id, name, image, project, service, replica, running, health, healthOutput, labels, null);
    }

    /** A view without labels (tests, the test alert). */
    public ContainerView(String id, String name, String image, String project, String service, String replica,
                         boolean running, Health health, String healthOutput) {
        this(id, name, image, project, service, replica, running, health, healthOutput, Map.of());
    }

    static ContainerView of(String id, String name, String image, Map<String, String> labels, boolean running,
                            Health health, String healthOutput, String state) {
        Map<String, String> safeLabels = labels == null ? Map.of() : labels;
        return new ContainerView(id, stripSlash(name), image, safeLabels.get(PROJECT_LABEL), safeLabels.get(SERVICE_LABEL),
                safeLabels.get(REPLICA_LABEL), running, health, healthOutput == null ? "" : healthOutput, safeLabels, null,
                state);
    }

    /** A container as the engine's list call describes it: health only from its status text ("Up 2 minutes (healthy)"). */
    public static ContainerView fromList(Container c) {
        String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0];
        return of(c.getId(), name, c.getImage(), c.getLabels(), "running".equals(c.getState()),
                Health.fromListStatus(c.getStatus()), "", c.getState());
    }

    /**
     * A container as a lifecycle event describes it: the event's attributes carry its name, image and labels (and
     * a few event fields such as exitCode, which no label uses).
     */
    public static ContainerView fromEvent(String id, Map<String, String> attributes, boolean running) {
        Map<String, String> safe = attributes == null ? Map.of() : attributes;
        return of(id, safe.getOrDefault("name", id), safe.get("image"), safe, running, Health.NONE, "", null);
    }

    /** The same container as seen on the named engine {@code onEngine} (null: the single engine). */
    public ContainerView on(String onEngine) {
        return new ContainerView(id, name, image, project, service, replica, running, health, healthOutput, labels,
                onEngine, state);
    }

    /** The engine's name: the one of DOCKER_HOSTS, or {@value #SINGLE_ENGINE}. */
    public String engineName() {
        return engine == null ? SINGLE_ENGINE : engine;
    }

    /** How alerts and the API name the container: {@code engine/name} when the monitor watches several engines. */
    public String displayName() {
        return engine == null ? name : engine + "/" + name;
    }

    private static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }

    /**
     * The identity that survives a redeploy: compose project, service and replica for compose containers (a
     * recreated container gets a new id and, for a moment, the old one a new name), else the container name; led by
     * the engine's name when the monitor watches several, as two engines may run the same project. Labels are the
     * container's to write, so a key of any length is kept within {@link StoredKey#MAX_LENGTH}.
     */
    public String key() {
        String local = project != null && service != null
                ? project + "/" + service + "/" + (replica == null ? "1" : replica)
                : name;
        return StoredKey.of(engine == null ? local : engine + "/" + local);
    }

    /** The same container with the health a custom check found, which counts like a HEALTHCHECK's. */
    public ContainerView withHealth(Health checked, String output) {
        return new ContainerView(id, name, image, project, service, replica, running, checked, output, labels, engine,
                state);
    }

    public String label(String key) {
        return labels.get(key);
    }

    /** Paused by `docker pause`: the engine still counts it as running (inspect), the list does not. */
    public boolean paused() {
        return "paused".equals(state);
    }

    /** The project shown in alerts and logs: the compose project, or "standalone" for containers outside compose. */
    public String projectLabel() {
        return project != null ? project : "standalone";
    }
}
