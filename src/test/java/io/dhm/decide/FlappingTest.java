package io.dhm.decide;

import io.dhm.ManualClock;
import io.dhm.alert.Alert;
import io.dhm.alert.AlertFactory;
import io.dhm.alert.Severity;
import io.dhm.config.FlappingSettings;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import io.dhm.observe.Change;
import io.dhm.observe.Transition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FLAPPING_COUNT returns within FLAPPING_WINDOW_MIN: one WARNING, then one INFO once it has been quiet for the window. */
class FlappingTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final ContainerView WEB = new ContainerView("c1", "shop-web-1", "busybox", "shop", "web", "1", true,
            Health.HEALTHY, "");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final Flapping flapping = flapping(3);

    private Flapping flapping(int count) {
        return new Flapping(new FlappingSettings(count, WINDOW), new AlertFactory("Production", clock), clock);
    }

    private Transition transition(ContainerView container, String from, String to, Change change) {
        return new Transition(container, from, to, change, clock.instant(), null, null, null);
    }

    /** Unhealthy for 20 s, then back within the wait; the alert the return gives, if any. Ends 1 min after it began. */
    private Alert spell(Flapping flapping, ContainerView container) {
        assertNull(flapping.onTransition(transition(container, "healthy", "unhealthy", Change.UNHEALTHY)));
        clock.advance(Duration.ofSeconds(20));
        Alert alert = flapping.onTransition(transition(container, "unhealthy", "healthy", Change.RETURNED));
        clock.advance(Duration.ofSeconds(40));
        return alert;
    }

    private Alert spell() {
        return spell(flapping, WEB);
    }

    @Test
    void theThirdReturnWithinTheWindowIsOneWarning() {
        assertNull(spell(), "first return");
        assertNull(spell(), "second return");
        Alert alert = spell();

        assertNotNull(alert, "the third return within 10 minutes makes it flapping");
        assertEquals(Severity.WARNING, alert.severity());
        assertEquals("healthy", alert.fromStatus());
        assertEquals("flapping", alert.toStatus());
        assertEquals("Flapping", alert.headline());
        assertEquals("shop-web-1", alert.container());
        assertEquals("Container went unhealthy and came back 3 times within 10 minute(s) (FLAPPING_COUNT,"
                + " FLAPPING_WINDOW_MIN), flapping since 2026-01-01 10:00:00 Z. It is not reported as flapping again"
                + " until it has had no unhealthy spell for 10 minute(s).", alert.details());
    }

    @Test
    void moreReturnsWhileFlappingAreNotReported() {
        spell();
        spell();
        assertNotNull(spell());
        for (int i = 0; i < 20; i++) {
            assertNull(spell(), "return " + (i + 4));
        }
        assertEquals(List.of(), flapping.stableDue(), "it has not been quiet for the window");
    }

    @Test
    void aQuietWindowAfterFlappingIsOneInfo() {
        spell();
        spell();
        assertNotNull(spell());
        spell(); // the last return at 10:03:20
        clock.advance(WINDOW.minusSeconds(41));
        assertEquals(List.of(), flapping.stableDue(), "one second before the window is over");

        clock.advance(Duration.ofSeconds(1));
        List<Alert> stable = flapping.stableDue();
        assertEquals(1, stable.size());
        Alert alert = stable.get(0);
        assertEquals(Severity.INFO, alert.severity());
        assertEquals("flapping", alert.fromStatus());
        assertEquals("stable", alert.toStatus());
        assertEquals("Stable again", alert.headline());
        assertEquals("Container has had no unhealthy spell for 10 minute(s): stable again. It was flapping from"
                + " 2026-01-01 10:00:00 Z to 2026-01-01 10:03:20 Z and came back 4 times in that time.", alert.details());

        clock.advance(WINDOW);
        assertEquals(List.of(), flapping.stableDue(), "said once");
    }

    @Test
    void aContainerInTroubleIsNotStable() {
        spell();
        spell();
        assertNotNull(spell());
        flapping.onTransition(transition(WEB, "healthy", "unhealthy", Change.UNHEALTHY)); // stays unhealthy: confirm alerts it
        clock.advance(WINDOW.multipliedBy(2));
        assertEquals(List.of(), flapping.stableDue());

        flapping.onTransition(transition(WEB, "unhealthy", "healthy", Change.RECOVERED));
        clock.advance(WINDOW);
        assertEquals(List.of("stable"), flapping.stableDue().stream().map(Alert::toStatus).toList());
    }

    @Test
    void flappingAgainAfterStableIsReportedAgain() {
        spell();
        spell();
        assertNotNull(spell());
        clock.advance(WINDOW);
        assertEquals(1, flapping.stableDue().size());

        assertNull(spell(), "counting starts afresh");
        assertNull(spell());
        assertNotNull(spell());
    }

    @Test
    void returnsOlderThanTheWindowDoNotCount() {
        spell(); // back at 10:00:20
        clock.advance(Duration.ofMinutes(5));
        spell(); // back at 10:06:20
        clock.advance(Duration.ofMinutes(3)); // the third begins at 10:10:00 ...
        assertNull(spell(), "... and is back at 10:10:20: the first return is more than 10 minutes before it");
        assertNotNull(spell(), "three returns within 10 minutes: 10:06:20, 10:10:20, 10:11:20");
    }

    @Test
    void eachContainerIsCountedOnItsOwn() {
        ContainerView api = new ContainerView("c2", "shop-api-1", "busybox", "shop", "api", "1", true, Health.HEALTHY, "");
        spell(flapping, WEB);
        spell(flapping, api);
        spell(flapping, WEB);
        assertNull(spell(flapping, api), "two returns of its own");
        assertEquals("shop-web-1", spell(flapping, WEB).container());
    }

    @Test
    void backFromGoneOrFromStartingIsNoRoundTrip() {
        for (int i = 0; i < 5; i++) {
            assertNull(flapping.onTransition(transition(WEB, "healthy", Transition.NOT_FOUND, Change.VANISHED)));
            assertNull(flapping.onTransition(transition(WEB, Transition.NOT_FOUND, "starting", Change.RETURNED)));
            assertNull(flapping.onTransition(transition(WEB, "starting", "healthy", Change.NOTED)));
            clock.advance(Duration.ofSeconds(30));
        }
    }

    @Test
    void backToStartingFromUnhealthyCounts() {
        for (int i = 0; i < 2; i++) {
            flapping.onTransition(transition(WEB, "starting", "unhealthy", Change.UNHEALTHY));
            assertNull(flapping.onTransition(transition(WEB, "unhealthy", "starting", Change.RETURNED)));
        }
        flapping.onTransition(transition(WEB, "starting", "unhealthy", Change.UNHEALTHY));
        assertNotNull(flapping.onTransition(transition(WEB, "unhealthy", "starting", Change.NOTED)));
    }

    @Test
    void offWhenTheCountIsZero() {
        Flapping off = flapping(0);
        for (int i = 0; i < 10; i++) {
            assertNull(spell(off, WEB));
        }
        clock.advance(WINDOW);
        assertEquals(List.of(), off.stableDue());
    }

    @Test
    void theEventStreamAndThePollAtOnceGiveOneWarning() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Alert>> returns = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                returns.add(() -> flapping.onTransition(transition(WEB, "unhealthy", "healthy", Change.RETURNED)));
            }
            List<Alert> alerts = new ArrayList<>();
            for (Future<Alert> alert : pool.invokeAll(returns)) {
                alerts.add(alert.get());
            }
            assertEquals(1, alerts.stream().filter(Objects::nonNull).count());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theStableCheckRunsEveryTenthOfTheWindowFromOneSecondToOneMinute() {
        assertEquals(60_000, Flapping.checkMillis(WINDOW));
        assertEquals(3_000, Flapping.checkMillis(Duration.ofSeconds(30)));
        assertEquals(1_000, Flapping.checkMillis(Duration.ofSeconds(3)));
        assertTrue(Flapping.checkMillis(Duration.ofHours(5)) <= 60_000);
    }
}
