package io.dhm.confirm;

import io.dhm.observe.Transition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a confirmation wait means, decided here for both places that keep waits: the monitor's route
 * confirm-after-wait (its waits in the monitor's database, through camel-sql's aggregation repository) and the
 * docker-health-confirm-action Kamelet (its waits in memory, one delayed exchange each).
 *
 * <p>A transition into trouble (change UNHEALTHY; VANISHED: exited, killed for memory or gone) begins its container's
 * wait, or begins it again: the newest such transition is the one the wait is about, and the wait ends when it has
 * lasted its whole length without a further change. Any other transition of the container (RETURNED, back within the
 * wait; STOPPED, at the operator's request) ends the wait at once: the route then looks again (a return that did not
 * last waits again), the Kamelet passes nothing on.
 *
 * <p>No Camel API here: the class travels in docker-health-monitor-kamelets.jar with the Kamelet.
 */
public final class ConfirmWait {

    private final Duration length;
    private final Clock clock;

    public ConfirmWait(Duration length, Clock clock) {
        this.length = length;
        this.clock = clock;
    }

    /** Whether a transition of this change ({@link io.dhm.observe.Change}'s name) begins its container's wait. */
    public static boolean begins(String change) {
        return "UNHEALTHY".equals(change) || "VANISHED".equals(change);
    }

    /** The route's completion predicate: whether this transition ends its container's wait at once. */
    public boolean endsAtOnce(Transition transition) {
        return !begins(transition.change().name());
    }

    /** WAIT_AND_CHECK_AGAIN_MIN, or the Kamelet's waitSeconds. */
    public Duration length() {
        return length;
    }

    /**
     * The route's completion timeout for an incoming transition: the whole wait, or for a wait resumed after a restart
     * or a take-over what was left of it (header {@value Confirmation#REMAINING_WAIT}). At least 1 ms: an aggregator's
     * timeout of 0 would be none.
     */
    public long millis(Long remaining) {
        return Math.max(1, remaining != null ? remaining : length.toMillis());
    }

    /** What is left now of the wait of a transition seen at {@code at}: negative once it is over. */
    public long remainingMillis(Instant at) {
        return length.minus(Duration.between(at, clock.instant())).toMillis();
    }
}
