package io.dhm.ack;

import java.time.Instant;

/**
 * An operator's acknowledgement of a container's alerted episode: its repeats stop until the container recovers.
 *
 * @param containerKey the container's identity (compose project/service/replica, or its name)
 * @param alertId      the alert that was acknowledged (the first alert of the episode or a repeat)
 * @param troubleSince when the acknowledged episode began: an acknowledgement covers that episode only
 */
public record Acknowledgement(String containerKey, String container, String alertId, String by, String comment,
                              Instant at, Instant troubleSince) {

    /** The history's line for it. */
    public String describe() {
        return "acknowledged by " + by + (comment == null ? "" : ": " + comment) + " (alert " + alertId + ")";
    }
}
