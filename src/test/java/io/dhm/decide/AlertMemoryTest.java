package io.dhm.decide;

import io.dhm.observe.Change;
import io.dhm.observe.Transition;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import io.dhm.store.MemoryDatabase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AlertMemoryTest {

    @Test
    void anAlertedEpisodeComesBackWithTheContainersLabels() throws Exception {
        AlertMemory memory = new AlertMemory(MemoryDatabase.create());
        memory.open();
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
}
