package io.dhm.observe;

import io.dhm.ManualClock;
import io.dhm.engine.ContainerView;
import io.dhm.engine.FakeEngine;
import io.dhm.engine.Health;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How often the timer's full poll lists every container: the event stream makes most lists needless. */
class ObserverTest {

    private static final String LOCAL = ContainerView.SINGLE_ENGINE;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final AtomicInteger lists = new AtomicInteger();
    private final AtomicBoolean eventsConnected = new AtomicBoolean(true);
    private final FakeEngine engine = new FakeEngine() {
        @Override
        public List<ContainerView> listRunning() {
            lists.incrementAndGet();
            return super.listRunning();
        }
    };
    private final Observer observer = new Observer(engine, new ContainerTracker(), new Lifecycle(), new HealthOverlay() {
        @Override
        public ContainerView apply(ContainerView container) {
            return container;
        }

        @Override
        public void retain(String engine, Set<String> runningIds) {
        }
    }, clock, engine -> eventsConnected.get());

    @Test
    void whileTheEventStreamIsOpenTheTimersListRunsAtMostOnceAMinute() {
        engine.run(FakeEngine.compose("web", "shop", "web", Health.HEALTHY));
        observer.poll(LOCAL); // at start, or when the stream (re)connects: always
        assertEquals(1, lists.get());

        clock.advance(Duration.ofSeconds(30)); // HEALTH_CHECK_INTERVAL_SEC's default
        observer.pollDue(LOCAL);
        assertEquals(1, lists.get(), "30 s after the last list");
        clock.advance(Duration.ofSeconds(30));
        observer.pollDue(LOCAL);
        assertEquals(2, lists.get(), "a minute after it");

        engine.run(FakeEngine.compose("web", "shop", "web", Health.UNHEALTHY));
        clock.advance(Duration.ofSeconds(60));
        assertEquals(1, observer.pollDue(LOCAL).size(), "the list's transitions, as from any poll");
    }

    @Test
    void theFirstPollTakesTheListStartedEarlyAndLaterPollsListAgain() {
        engine.run(FakeEngine.compose("web", "shop", "web", Health.HEALTHY));
        observer.listEarly();
        observer.poll(LOCAL);
        assertEquals(1, lists.get(), "the early list, not a second one");
        assertEquals(1, observer.monitoredCount());
        observer.poll(LOCAL);
        assertEquals(2, lists.get());
    }

    @Test
    void afterAChangeOfWhatIsWatchedTheNextTickListsAtOnce() {
        observer.poll(LOCAL);
        clock.advance(Duration.ofSeconds(30));
        observer.relist(); // a container selected again, a custom check added
        observer.pollDue(LOCAL);
        assertEquals(2, lists.get());
    }

    @Test
    void withoutTheEventStreamTheTimersListRunsAtEveryTick() {
        eventsConnected.set(false);
        observer.poll(LOCAL);
        clock.advance(Duration.ofSeconds(30));
        observer.pollDue(LOCAL);
        clock.advance(Duration.ofSeconds(1));
        observer.pollDue(LOCAL);
        assertEquals(3, lists.get());
    }
}
