package io.dhm.observe;

import io.dhm.engine.ContainerView;

import java.io.Serializable;
import java.time.Instant;

/**
 * One change of one container's status, with what the alert stages need: when the trouble began and the status
 * before it. It is the body held by the confirmation aggregator, hence serializable.
 *
 * @param from         status before this change ("unknown", "starting", "healthy", "unhealthy", "not_found")
 * @param troubleSince when the current episode of trouble began, or null when there is none
 * @param troubleFrom  the status before the episode began (the alert's "healthy → unhealthy")
 * @param alertedAs    the status an alert was sent for in this episode ("unhealthy" or "not_found"), or null
 */
public record Transition(ContainerView container, String from, String to, Change change, Instant at,
                         Instant troubleSince, String troubleFrom, String alertedAs) implements Serializable {

    public static final String NOT_FOUND = "not_found";

    public String key() {
        return container.key();
    }

    @Override
    public String toString() {
        return container.displayName() + " [" + container.projectLabel() + "]: " + from + " → " + to + " (" + change + ")";
    }
}
