package io.dhm.observe;

import io.dhm.engine.ContainerView;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One tracked container's state: its last status, since when, and where its trouble episode stands (OK, PENDING a
 * confirmation, ALERTED). It turns a new status into at most one {@link Transition}. {@link ContainerTracker} finds the
 * entry of a container and guards every call with its lock.
 */
final class TrackedEntry {

    enum Phase { OK, PENDING, ALERTED }

    ContainerView view;
    String status = "unknown";
    Phase phase = Phase.OK;
    Instant troubleSince;
    String troubleFrom;
    String alertedAs;
    Instant alertedAt;
    Instant observedAt = Instant.MIN;
    Instant statusSince;
    boolean pauseWarned;

    TrackedEntry(ContainerView view) {
        this.view = view;
    }

    /** An episode read back at start-up (pending or alerted before the monitor stopped), in trouble since then. */
    static TrackedEntry resumed(Transition episode, String status, Phase phase) {
        TrackedEntry entry = new TrackedEntry(episode.container());
        entry.status = status;
        entry.phase = phase;
        entry.troubleSince = episode.troubleSince();
        entry.troubleFrom = episode.troubleFrom();
        entry.statusSince = episode.troubleSince();
        return entry;
    }

    /** The container seen at {@code now} in {@code status}: the transition it makes, if any. */
    Optional<Transition> update(ContainerView seen, String newStatus, Instant now) {
        String previous = status;
        view = seen;
        observedAt = now;
        if (previous.equals(newStatus)) {
            return Optional.empty();
        }
        status = newStatus;
        statusSince = now;
        pauseWarned = false;
        if ("unknown".equals(previous) && !Status.trouble(newStatus)) {
            return Optional.empty();
        }
        Change change = classify(previous, now);
        Transition transition = new Transition(seen, previous, newStatus, change, now, troubleSince, troubleFrom, alertedAs);
        if (change == Change.RECOVERED || change == Change.STOPPED) {
            endTrouble();
        }
        return Optional.of(transition);
    }

    private Change classify(String previous, Instant now) {
        if (Status.trouble(status)) {
            if (phase == Phase.ALERTED) {
                return Change.NOTED;
            }
            if (phase == Phase.OK) {
                phase = Phase.PENDING;
                troubleSince = now;
                troubleFrom = previous;
            }
            return "unhealthy".equals(status) ? Change.UNHEALTHY : Change.VANISHED;
        }
        if (Status.STOPPED.equals(status)) {
            return Change.STOPPED;
        }
        return switch (phase) {
            case PENDING -> Change.RETURNED;
            case ALERTED -> Status.fine(status) ? Change.RECOVERED : Change.NOTED;
            case OK -> Change.NOTED;
        };
    }

    /** The episode's transition to confirm again, as it went into trouble (a take-over's unconfirmed episode). */
    Transition intoTrouble() {
        return new Transition(view, troubleFrom, status, "unhealthy".equals(status) ? Change.UNHEALTHY : Change.VANISHED,
                troubleSince, troubleSince, troubleFrom, null);
    }

    void alerted(String as, Instant at) {
        phase = Phase.ALERTED;
        alertedAs = as;
        alertedAt = at;
    }

    /** Back to PENDING: the alert never reached the outbox. */
    void notAlerted() {
        phase = Phase.PENDING;
        alertedAs = null;
        alertedAt = null;
    }

    /** A {@link Change#REPEAT} when the alerted trouble has lasted {@code interval} since its last alert. */
    Optional<Transition> repeatDue(Instant now, Duration interval) {
        if (phase != Phase.ALERTED || !Status.trouble(status) || alertedAt.plus(interval).isAfter(now)) {
            return Optional.empty();
        }
        alertedAt = now;
        return Optional.of(new Transition(view, status, status, Change.REPEAT, now, troubleSince, troubleFrom, alertedAs));
    }

    /** Whether it has been paused for {@code limit} or longer and not yet warned of in this pause; warned from now. */
    boolean pauseDue(Duration limit, Instant now) {
        if (Status.PAUSED.equals(status) && !pauseWarned && !statusSince.plus(limit).isAfter(now)) {
            pauseWarned = true;
            return true;
        }
        return false;
    }

    TrackedContainer snapshot() {
        return new TrackedContainer(view, status, phase.name(), statusSince, troubleSince, alertedAt);
    }

    void endTrouble() {
        phase = Phase.OK;
        troubleSince = null;
        troubleFrom = null;
        alertedAs = null;
        alertedAt = null;
    }
}
