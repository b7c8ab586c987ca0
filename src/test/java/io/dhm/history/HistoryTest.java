package io.dhm.history;

import io.dhm.ManualClock;
import io.dhm.observe.Change;
import io.dhm.observe.Transition;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import io.dhm.store.Database;
import io.dhm.store.MemoryDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-container history over an in-memory H2 database. */
class HistoryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static final ContainerView API = new ContainerView("id-api-1", "shop-api-1", "api:1", "shop", "api", "1",
            true, Health.HEALTHY, "");
    private static final ContainerView API_REDEPLOYED = new ContainerView("id-api-2", "shop-api-1-new", "api:2", "shop",
            "api", "1", true, Health.HEALTHY, "");
    private static final ContainerView WORKER = new ContainerView("id-worker", "worker", "worker:1", null, null, null,
            true, Health.HEALTHY, "");

    private final ManualClock clock = new ManualClock(T0);
    private History history;

    @BeforeEach
    void open() throws SQLException {
        history = new History(MemoryDatabase.create(), Duration.ofHours(24), clock);
    }

    @Test
    void recordAndReadBack() throws SQLException {
        history.record(History.Kind.CHECK, API, "http http://api/health: passed, HTTP 200", 42L);

        List<History.Entry> rows = history.recent("shop/api/1", 10);

        assertEquals(List.of(new History.Entry(T0, "shop/api/1", "shop-api-1", History.Kind.CHECK,
                "http http://api/health: passed, HTTP 200", 42L)), rows);
    }

    @Test
    void millisIsKeptWhenGiven() throws SQLException {
        history.record(History.Kind.CHECK, WORKER, "slow", 1234L);
        clock.advance(Duration.ofSeconds(1));
        history.record(History.Kind.CHECK, WORKER, "fast", 0L);

        List<History.Entry> rows = history.recent("worker", 10);

        assertEquals(Long.valueOf(0L), rows.get(0).millis(), "a zero response time is a response time");
        assertEquals(Long.valueOf(1234L), rows.get(1).millis());
    }

    @Test
    void millisIsNullUnlessGiven() throws SQLException {
        history.record(History.Kind.SIGNAL, WORKER, "restart loop: 6 restarts", null);
        clock.advance(Duration.ofSeconds(1));
        history.transition(new Transition(WORKER, "healthy", "unhealthy", Change.UNHEALTHY, T0, T0, "healthy", null));
        clock.advance(Duration.ofSeconds(1));
        history.record(History.Kind.CHECK, WORKER, "tcp worker:80: passed", 7L);

        List<History.Entry> rows = history.recent("worker", 10);

        assertEquals(3, rows.size());
        assertEquals(Long.valueOf(7L), rows.get(0).millis());
        assertNull(rows.get(1).millis(), "a transition has no response time");
        assertNull(rows.get(2).millis(), "a signal has no response time");
    }

    @Test
    void newestFirst() throws SQLException {
        history.record(History.Kind.CHECK, WORKER, "first", 1L);
        clock.advance(Duration.ofSeconds(10));
        history.record(History.Kind.HEAL, WORKER, "second", null);
        clock.advance(Duration.ofSeconds(10));
        history.record(History.Kind.SIGNAL, WORKER, "third", null);

        List<History.Entry> rows = history.recent("worker", 10);

        assertEquals(List.of("third", "second", "first"), rows.stream().map(History.Entry::detail).toList());
        assertEquals(List.of(History.Kind.SIGNAL, History.Kind.HEAL, History.Kind.CHECK),
                rows.stream().map(History.Entry::kind).toList());
        assertEquals(List.of(T0.plusSeconds(20), T0.plusSeconds(10), T0), rows.stream().map(History.Entry::at).toList());
    }

    @Test
    void rowsOfTheSameMillisecondComeNewestWrittenFirst() throws SQLException {
        history.record(History.Kind.CHECK, WORKER, "a", 1L);
        history.record(History.Kind.CHECK, WORKER, "b", 1L);
        history.record(History.Kind.CHECK, WORKER, "c", 1L);

        assertEquals(List.of("c", "b", "a"), history.recent("worker", 10).stream().map(History.Entry::detail).toList());
    }

    @Test
    void limitKeepsTheNewest() throws SQLException {
        for (int i = 0; i < 5; i++) {
            history.record(History.Kind.CHECK, WORKER, "check " + i, (long) i);
            clock.advance(Duration.ofSeconds(1));
        }

        assertEquals(List.of("check 4", "check 3"), history.recent("worker", 2).stream().map(History.Entry::detail).toList());
        assertEquals(1, history.recent("worker", 1).size());
        assertEquals(5, history.recent("worker", 100).size());
    }

    @Test
    void byKeyOrByName() throws SQLException {
        history.record(History.Kind.CHECK, API, "old container", 1L);
        clock.advance(Duration.ofSeconds(1));
        history.record(History.Kind.CHECK, API_REDEPLOYED, "new container", 2L);
        clock.advance(Duration.ofSeconds(1));
        history.record(History.Kind.CHECK, WORKER, "someone else", 3L);

        assertEquals(List.of("new container", "old container"),
                history.recent("shop/api/1", 10).stream().map(History.Entry::detail).toList(),
                "the compose identity survives the redeploy");
        assertEquals(List.of("old container"),
                history.recent("shop-api-1", 10).stream().map(History.Entry::detail).toList());
        assertEquals(List.of("new container"),
                history.recent("shop-api-1-new", 10).stream().map(History.Entry::detail).toList());
        assertEquals(List.of("someone else"), history.recent("worker", 10).stream().map(History.Entry::detail).toList());
        assertTrue(history.recent("nobody", 10).isEmpty());
    }

    @Test
    void longDetailIsCut() throws SQLException {
        String detail = "x".repeat(1999) + "yz" + "-".repeat(500);
        history.record(History.Kind.CHECK, WORKER, detail, 5L);

        String stored = history.recent("worker", 1).get(0).detail();

        assertEquals(2000, stored.length());
        assertEquals("x".repeat(1999) + "y", stored);
    }

    @Test
    void detailOfExactlyTheLimitIsKept() throws SQLException {
        String detail = "a".repeat(2000);
        history.record(History.Kind.CHECK, WORKER, detail, 5L);
        assertEquals(detail, history.recent("worker", 1).get(0).detail());
    }

    @Test
    void transitionIsRecorded() throws SQLException {
        history.transition(new Transition(WORKER, "healthy", "unhealthy", Change.UNHEALTHY, T0, T0, "healthy", null));

        List<History.Entry> rows = history.recent("worker", 10);

        assertEquals(1, rows.size());
        assertEquals(History.Kind.TRANSITION, rows.get(0).kind());
        assertEquals("worker", rows.get(0).containerKey());
        assertEquals("healthy → unhealthy (UNHEALTHY)", rows.get(0).detail());
    }

    @Test
    void pruneRemovesRowsOlderThanTheRetention() throws SQLException {
        history.record(History.Kind.CHECK, WORKER, "two days old", 1L);
        clock.advance(Duration.ofHours(24));
        history.record(History.Kind.CHECK, WORKER, "one day old", 1L);
        clock.advance(Duration.ofHours(23));
        history.record(History.Kind.CHECK, WORKER, "one hour old", 1L);
        history.record(History.Kind.CHECK, API, "api, one hour old", 1L);
        clock.advance(Duration.ofHours(1));

        assertEquals(1, history.prune(), "only the row more than 24 h old goes; one exactly 24 h old stays");
        assertEquals(List.of("one hour old", "one day old"),
                history.recent("worker", 10).stream().map(History.Entry::detail).toList());
        assertEquals(1, history.recent("shop/api/1", 10).size());

        clock.advance(Duration.ofMillis(1));
        assertEquals(1, history.prune());
        assertEquals(List.of("one hour old"), history.recent("worker", 10).stream().map(History.Entry::detail).toList());

        assertEquals(0, history.prune(), "nothing more to remove");
        clock.advance(Duration.ofHours(24));
        assertEquals(2, history.prune());
        assertTrue(history.recent("worker", 10).isEmpty());
        assertTrue(history.recent("shop/api/1", 10).isEmpty());
    }
}
