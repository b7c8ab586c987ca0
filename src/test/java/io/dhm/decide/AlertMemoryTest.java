package io.dhm.decide;

import io.dhm.observe.Change;
import io.dhm.observe.Transition;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import io.dhm.history.History;
import io.dhm.store.MemoryDatabase;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AlertMemoryTest {

    @Test
    void anAlertedEpisodeComesBackWithTheContainersLabels() throws Exception {
        AlertMemory memory = new AlertMemory(MemoryDatabase.create());
        ContainerView web = new ContainerView("c1", "web", "nginx", "shop", "web", "1", true, Health.UNHEALTHY,
                "exit code 1", Map.of("autoheal", "true", "com.docker.compose.project", "shop"));
        Instant at = Instant.parse("2026-01-01T10:00:00Z");
        Transition alerted = new Transition(web, "healthy", "unhealthy", Change.UNHEALTHY, at.plusSeconds(60), at,
                "healthy", "unhealthy");

        memory.remember(alerted);
        memory.remember(alerted); // a second alert of the same container replaces the first

        assertEquals(List.of(alerted), memory.all());
        assertEquals("true", memory.all().get(0).container().label("autoheal"));
    }

    @Test
    void aContainerWhoseLabelsAreLongerThanAnyColumnIsRememberedAndKeptInTheHistory() throws Exception {
        var database = MemoryDatabase.create();
        AlertMemory memory = new AlertMemory(database);
        History history = new History(database, Duration.ofDays(1), Clock.systemUTC());
        String project = "p".repeat(3000); // a label is the container's to write
        ContainerView hostile = new ContainerView("c2", "x".repeat(1000), "img", project, "web", "1", true,
                Health.UNHEALTHY, "", Map.of("com.docker.compose.project", project));
        Instant at = Instant.parse("2026-01-01T10:00:00Z");
        Transition alerted = new Transition(hostile, "healthy", "unhealthy", Change.UNHEALTHY, at.plusSeconds(60), at,
                "healthy", "unhealthy");

        memory.remember(alerted);
        history.transition(alerted);

        assertEquals(List.of(alerted), memory.all());
        assertEquals(1, history.recent(hostile.key(), 5).size(), "the history row is written");
    }
}
