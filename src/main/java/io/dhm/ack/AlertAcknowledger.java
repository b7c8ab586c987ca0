package io.dhm.ack;

import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import io.dhm.deliver.AlertRecords;
import io.dhm.history.History;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.TrackedContainer;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Acknowledges by alert id, for the API and the signed mail links. The outbox knows every alert; the tracker knows
 * each container's alerted episode. An alert of the container's current episode (its first alert or a repeat, sent
 * after the episode began) acknowledges the episode; any other alert is refused and nothing changes.
 */
public class AlertAcknowledger {

    static final int BY_LIMIT = 200;
    static final int COMMENT_LIMIT = 1000;

    /** An alert, the alerted episode of its container that it belongs to, and that episode's acknowledgement if any. */
    public record Episode(Alert alert, TrackedContainer container, Optional<Acknowledgement> acknowledgement) {
    }

    private final AlertRecords alertRecords;
    private final ContainerTracker tracker;
    private final Acknowledgements acknowledgements;
    private final History history;
    private final Clock clock;
    private final BooleanSupplier follower;

    public AlertAcknowledger(AlertRecords alertRecords, ContainerTracker tracker, Acknowledgements acknowledgements,
                             History history, Clock clock) {
        this(alertRecords, tracker, acknowledgements, history, clock, () -> false);
    }

    /** @param follower whether this instance follows in a highly available pair, where only the leader knows the episodes */
    public AlertAcknowledger(AlertRecords alertRecords, ContainerTracker tracker, Acknowledgements acknowledgements,
                             History history, Clock clock, BooleanSupplier follower) {
        this.follower = follower;
        this.alertRecords = alertRecords;
        this.tracker = tracker;
        this.acknowledgements = acknowledgements;
        this.history = history;
        this.clock = clock;
    }

    /** The episode an alert belongs to; refused when the alert is unknown, INFO, or its episode is over. */
    public Episode episode(String alertId) throws SQLException {
        if (follower.getAsBoolean()) {
            throw AckRefused.notAlerted("this instance follows in a highly available pair and does not know which"
                    + " containers are alerted: open the link, or call the API, on the leader");
        }
        Alert alert = alertRecords.alert(alertId).orElseThrow(() -> AckRefused.unknownAlert(alertId));
        if (alert.severity() == Severity.INFO) {
            throw AckRefused.notAlerted("alert " + alertId + " is INFO (" + alert.headline() + "): nothing to acknowledge");
        }
        TrackedContainer alerted = tracker.snapshot().stream()
                .filter(tracked -> "ALERTED".equals(tracked.phase()) && tracked.troubleSince() != null)
                .filter(tracked -> tracked.container().id().equals(alert.containerId())
                        || tracked.container().displayName().equals(alert.qualifiedContainer()))
                .filter(tracked -> !alert.time().toInstant().isBefore(tracked.troubleSince()))
                .findFirst()
                .orElseThrow(() -> AckRefused.notAlerted("alert " + alertId + " of " + alert.container()
                        + " belongs to no open episode: the container recovered (or is no longer monitored);"
                        + " a new problem alerts again"));
        return new Episode(alert, alerted, acknowledgements.of(alerted.container().key(), alerted.troubleSince()));
    }

    /**
     * Acknowledges the episode of this alert and records it. The first acknowledgement of an episode stands: a second
     * one (a replayed link, a colleague a minute late) is refused naming the first, so the record says who took it.
     */
    public Acknowledgement acknowledge(String alertId, String by, String comment) throws SQLException {
        String who = checked("by", by, BY_LIMIT);
        if (who == null) {
            throw AckRefused.badInput("by", "by is required: who acknowledges");
        }
        String why = checked("comment", comment, COMMENT_LIMIT);
        Episode episode = episode(alertId);
        if (episode.acknowledgement().isPresent()) {
            Acknowledgement first = episode.acknowledgement().get();
            throw AckRefused.notAlerted("already acknowledged by " + first.by() + " at " + first.at()
                    + " (alert " + first.alertId() + "): the first acknowledgement stands");
        }
        TrackedContainer alerted = episode.container();
        Acknowledgement acknowledgement = new Acknowledgement(alerted.container().key(), alerted.container().name(),
                alertId, who, why, clock.instant(), alerted.troubleSince());
        acknowledgements.add(acknowledgement);
        history.record(History.Kind.ACK, alerted.container(), acknowledgement.describe(), null);
        return acknowledgement;
    }

    /** The text stripped, null when blank; refused when longer than {@code limit}. */
    private static String checked(String field, String text, int limit) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.strip().length() > limit) {
            throw AckRefused.badInput(field, field + " is longer than " + limit + " characters");
        }
        return text.strip();
    }
}
