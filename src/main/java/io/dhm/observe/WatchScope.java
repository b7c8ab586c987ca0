package io.dhm.observe;

import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;

/**
 * Which containers the monitor watches (WATCH_SCOPE): every container, only those with a health check (Docker's or a
 * custom check), or only those labelled {@value #LABEL}=true. The label set to false takes one out under any scope.
 */
public enum WatchScope {
    ALL, HEALTH, LABELLED;

    public static final String LABEL = "healthmonitor.enable";

    /** How the start-up line "Watching N running containers..." ends. */
    public String describe() {
        return switch (this) {
            case ALL -> " (every container; WATCH_SCOPE=all)";
            case HEALTH -> " with a healthcheck";
            case LABELLED -> " labelled " + LABEL + "=true";
        };
    }

    /** Whether the monitor watches this container. */
    public boolean watches(ContainerView view) {
        String label = view.label(LABEL);
        if ("false".equalsIgnoreCase(label)) {
            return false;
        }
        return switch (this) {
            case ALL -> true;
            case HEALTH -> view.health() != Health.NONE || "true".equalsIgnoreCase(label);
            case LABELLED -> "true".equalsIgnoreCase(label);
        };
    }
}
