package io.dhm.ack;

import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import io.dhm.observe.Change;
import io.dhm.observe.Transition;
import io.dhm.store.Database;
import io.dhm.store.MemoryDatabase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcknowledgementsTest {

    private static final Instant TROUBLE = Instant.parse("2026-03-01T10:00:00Z");
    private static final ContainerView WEB = new ContainerView("c1", "shop-web-1", "nginx", "shop", "web", "1", true,
            Health.UNHEALTHY, "");

    private final Database database = MemoryDatabase.create();

    private static Acknowledgement acknowledged(Instant troubleSince) {
        return new Acknowledgement(WEB.key(), WEB.name(), "alert-1", "alice", "on it", TROUBLE.plusSeconds(120), troubleSince);
    }

    private static Transition transition(Change change, Instant troubleSince) {
        return new Transition(WEB, "unhealthy", "unhealthy", change, TROUBLE.plusSeconds(600), troubleSince, "healthy",
                "unhealthy");
    }

    private Acknowledgements opened() throws Exception {
        Acknowledgements acknowledgements = new Acknowledgements(database);
        acknowledgements.open();
        return acknowledgements;
    }

    @Test
    void anAcknowledgementCoversItsEpisodeAndSurvivesAReopen() throws Exception {
        opened().add(acknowledged(TROUBLE));

        Acknowledgements reopened = opened();
        assertEquals(Optional.of(acknowledged(TROUBLE)), reopened.of(WEB.key(), TROUBLE));
        assertTrue(reopened.covers(transition(Change.REPEAT, TROUBLE)));
        assertFalse(reopened.covers(transition(Change.REPEAT, TROUBLE.plusSeconds(3600))), "a later episode is not covered");
        assertEquals(Optional.empty(), reopened.of("shop/db/1", TROUBLE));
    }

    @Test
    void aRecoveryEndsItForGood() throws Exception {
        Acknowledgements acknowledgements = opened();
        acknowledgements.add(acknowledged(TROUBLE));

        acknowledgements.end(transition(Change.RECOVERED, TROUBLE));

        assertFalse(acknowledgements.covers(transition(Change.REPEAT, TROUBLE)));
        assertFalse(opened().covers(transition(Change.REPEAT, TROUBLE)), "gone from the table too");
    }

    @Test
    void aNewerAcknowledgementReplacesTheOlder() throws Exception {
        Acknowledgements acknowledgements = opened();
        acknowledgements.add(acknowledged(TROUBLE));
        Acknowledgement again = new Acknowledgement(WEB.key(), WEB.name(), "alert-2", "bob", null,
                TROUBLE.plusSeconds(900), TROUBLE);
        acknowledgements.add(again);

        assertEquals(Optional.of(again), opened().of(WEB.key(), TROUBLE));
    }
}
