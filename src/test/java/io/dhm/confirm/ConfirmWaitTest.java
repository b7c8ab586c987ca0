package io.dhm.confirm;

import io.dhm.ManualClock;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import io.dhm.kamelet.PendingWaits;
import io.dhm.observe.Change;
import io.dhm.observe.Transition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one rule of a confirmation wait, driven by hand on a manual clock. */
class ConfirmWaitTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private final ManualClock clock = new ManualClock(START);
    private final ConfirmWait wait = new ConfirmWait(Duration.ofMinutes(15), clock);
    private final ContainerView api = new ContainerView("c1", "api", "api:1", null, null, null, true, Health.UNHEALTHY,
            "");

    private Transition transition(Change change, String to) {
        return new Transition(api, "healthy", to, change, clock.instant(), START, "healthy", null);
    }

    @Test
    void troubleBeginsAWaitAndAnyOtherChangeEndsItAtOnce() {
        assertFalse(wait.endsAtOnce(transition(Change.UNHEALTHY, "unhealthy")));
        assertFalse(wait.endsAtOnce(transition(Change.VANISHED, "exited")));
        assertTrue(wait.endsAtOnce(transition(Change.RETURNED, "healthy")), "back within the wait: look again now");
        assertTrue(wait.endsAtOnce(transition(Change.STOPPED, "stopped")), "the operator's stop: settled quietly");
        Set<Change> beginning = EnumSet.noneOf(Change.class);
        for (Change change : Change.values()) {
            if (ConfirmWait.begins(change.name())) {
                beginning.add(change);
            }
        }
        assertEquals(EnumSet.of(Change.UNHEALTHY, Change.VANISHED), beginning);
    }

    @Test
    void aNewWaitRunsItsWholeLengthAndAResumedOneWhatIsLeftOfIt() {
        assertEquals(900_000, wait.millis(null));
        Instant seen = clock.instant();
        assertEquals(900_000, wait.remainingMillis(seen));

        clock.advance(Duration.ofMinutes(10)); // the monitor was down, or the pair without a leader, meanwhile
        long left = wait.remainingMillis(seen);
        assertEquals(300_000, left);
        assertEquals(300_000, wait.millis(left));

        clock.advance(Duration.ofMinutes(6));
        left = wait.remainingMillis(seen);
        assertEquals(-60_000, left, "over a minute ago");
        assertEquals(1, wait.millis(left), "ends at once: a timeout of 0 would be none");
    }

    @Test
    void theKameletsInMemoryWaitsFollowTheSameRule() {
        PendingWaits kamelet = new PendingWaits();
        kamelet.setWaitSeconds("900");
        assertEquals(wait.millis(null), kamelet.waitMillis());
        for (Change change : Change.values()) {
            String to = change == Change.UNHEALTHY ? "unhealthy" : "not_found";
            assertEquals(!wait.endsAtOnce(transition(change, to)), kamelet.begin("api", change.name(), "exchange-" + change),
                    change.name());
        }

        kamelet.begin("api", "UNHEALTHY", "first");
        kamelet.begin("api", "VANISHED", "second");
        assertFalse(kamelet.end("api", "first"), "replaced by a newer transition into trouble");
        assertTrue(kamelet.end("api", "second"));
        kamelet.begin("api", "UNHEALTHY", "third");
        kamelet.begin("api", "RETURNED", "fourth");
        assertFalse(kamelet.end("api", "third"), "ended at once by the return");
    }
}
