package io.dhm.ack;

import io.dhm.ManualClock;
import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import io.dhm.deliver.AlertRecords;
import io.dhm.deliver.Outbox;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import io.dhm.history.History;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Transition;
import io.dhm.store.Database;
import io.dhm.store.MemoryDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Acknowledging by alert id against a real outbox, tracker, store and history (in-memory H2). */
class AcknowledgeByAlertIdTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final Database database = MemoryDatabase.create();
    private final Outbox outbox = new Outbox(database);
    private final History history = new History(database, Duration.ofDays(1), clock);
    private final ContainerTracker tracker = new ContainerTracker();
    private final Acknowledgements acknowledgements = new Acknowledgements(database);
    private final AlertAcknowledger acknowledger = new AlertAcknowledger(new AlertRecords(database), tracker, acknowledgements, history, clock);

    @BeforeEach
    void open() throws Exception {
        acknowledgements.open();
    }

    private static ContainerView web(Health health) {
        return new ContainerView("c1", "shop-web-1", "nginx", "shop", "web", "1", true, health, "");
    }

    /** The container turns unhealthy at {@code at} and is alerted a minute later with this id; returns the episode. */
    private Transition alertedEpisode(Instant at, String alertId) throws Exception {
        tracker.observe(web(Health.HEALTHY), at.minusSeconds(60));
        Transition unhealthy = tracker.observe(web(Health.UNHEALTHY), at).orElseThrow();
        tracker.alerted(unhealthy, "unhealthy", at.plusSeconds(60));
        stored(alertId, Severity.CRITICAL, at.plusSeconds(60));
        return unhealthy;
    }

    private void stored(String id, Severity severity, Instant at) throws Exception {
        outbox.enqueue(new Alert(id, severity, "Production", "shop", "shop-web-1", "c1", "nginx", "healthy", "unhealthy",
                at.atZone(ZoneOffset.UTC), "details", "", "", List.of()), List.of(), at, Duration.ZERO, null);
    }

    private AckRefused.Reason refused(String alertId) {
        return assertThrows(AckRefused.class, () -> acknowledger.acknowledge(alertId, "alice", null)).reason();
    }

    @Test
    void anAlertOfTheCurrentEpisodeAcknowledgesItAndIsInTheHistory() throws Exception {
        Transition episode = alertedEpisode(T0, "first");
        clock.advance(Duration.ofMinutes(5));

        Acknowledgement done = acknowledger.acknowledge("first", " alice ", "looking into it");

        assertEquals(new Acknowledgement("shop/web/1", "shop-web-1", "first", "alice", "looking into it", clock.instant(), T0), done);
        assertTrue(acknowledgements.covers(episode));
        History.Entry entry = history.recent("shop-web-1", History.Kind.ACK, 10).get(0);
        assertEquals("acknowledged by alice: looking into it (alert first)", entry.detail());
        assertEquals(done, acknowledger.episode("first").acknowledgement().orElseThrow());
    }

    @Test
    void theFirstAcknowledgementStandsAReplayIsRefusedNamingIt() throws Exception {
        alertedEpisode(T0, "first");
        Acknowledgement first = acknowledger.acknowledge("first", "alice", "mine");
        clock.advance(Duration.ofMinutes(1));

        AckRefused replay = assertThrows(AckRefused.class, () -> acknowledger.acknowledge("first", "mallory", "not hers"));

        assertEquals(AckRefused.Reason.NOT_ALERTED, replay.reason());
        assertTrue(replay.getMessage().startsWith("already acknowledged by alice at "), replay.getMessage());
        assertEquals(first, acknowledger.episode("first").acknowledgement().orElseThrow());
        assertEquals(1, history.recent("shop-web-1", History.Kind.ACK, 10).size());
    }

    @Test
    void aRepeatOfTheEpisodeAcknowledgesItToo() throws Exception {
        Transition episode = alertedEpisode(T0, "first");
        stored("repeat", Severity.CRITICAL, T0.plus(Duration.ofHours(4)));

        acknowledger.acknowledge("repeat", "bob", null);

        assertTrue(acknowledgements.covers(episode));
    }

    @Test
    void unknownInfoAndOverEpisodesAreRefusedAndNothingChanges() throws Exception {
        alertedEpisode(T0, "old");
        tracker.observe(web(Health.HEALTHY), T0.plusSeconds(600)); // recovered: that episode is over
        stored("recovery", Severity.INFO, T0.plusSeconds(600));

        assertEquals(AckRefused.Reason.UNKNOWN_ALERT, refused("no-such-alert"));
        assertEquals(AckRefused.Reason.NOT_ALERTED, refused("old"));
        assertEquals(AckRefused.Reason.NOT_ALERTED, refused("recovery"));

        Transition next = alertedEpisode(T0.plusSeconds(1200), "new");
        assertEquals(AckRefused.Reason.NOT_ALERTED, refused("old"), "an earlier episode's alert");
        assertFalse(acknowledgements.covers(next));
        assertTrue(history.recent("shop-web-1", History.Kind.ACK, 10).isEmpty());
    }

    @Test
    void whoIsRequiredAndTextIsBounded() throws Exception {
        alertedEpisode(T0, "first");

        AckRefused noName = assertThrows(AckRefused.class, () -> acknowledger.acknowledge("first", "  ", "x"));
        assertEquals("by", noName.field());
        AckRefused tooLong = assertThrows(AckRefused.class,
                () -> acknowledger.acknowledge("first", "alice", "x".repeat(AlertAcknowledger.COMMENT_LIMIT + 1)));
        assertEquals("comment", tooLong.field());
        assertEquals(AckRefused.Reason.BAD_INPUT, tooLong.reason());
        assertTrue(acknowledger.episode("first").acknowledgement().isEmpty());
    }
}
