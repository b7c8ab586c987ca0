package io.dhm.deliver;

import io.dhm.alert.Alert;

import java.time.Instant;
import java.util.List;

/** An alert from the outbox and what became of each of its copies. */
public record AlertRecord(Alert alert, List<Delivery> deliveries) {

    /**
     * One copy: its channel and target, PENDING / SENT / DEAD / SILENCED, the tries so far, and the last error (or,
     * for a silenced copy, the silence that muted it).
     */
    public record Delivery(String channel, String target, String status, int attempts, Instant updatedAt, String note) {
    }
}
