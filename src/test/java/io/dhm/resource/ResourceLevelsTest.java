package io.dhm.resource;

import io.dhm.resource.ResourceLevels.Level;
import io.dhm.resource.ResourceLevels.Shift;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceLevelsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration HELD = Duration.ofSeconds(60);
    private final ResourceLevels levels = new ResourceLevels();

    private Optional<Shift> cpu(double value, long second) {
        return levels.observe("web", "cpu", value, 80, 90, HELD, T0.plusSeconds(second));
    }

    @Test
    void levelsFollowTheThresholds() {
        assertEquals(Level.OK, ResourceLevels.level(79.9, 80, 90));
        assertEquals(Level.WARNING, ResourceLevels.level(80, 80, 90));
        assertEquals(Level.CRITICAL, ResourceLevels.level(90, 80, 90));
    }

    @Test
    void aLevelHeldForTheSustainedTimeIsAnnouncedOnceAndItsEndToo() {
        assertTrue(cpu(95, 0).isEmpty());
        assertTrue(cpu(97, 30).isEmpty());
        Shift critical = cpu(96, 60).orElseThrow();
        assertEquals(Level.OK, critical.from());
        assertEquals(Level.CRITICAL, critical.to());
        assertEquals(T0, critical.since());
        assertTrue(cpu(99, 90).isEmpty(), "announced once");

        assertTrue(cpu(5, 100).isEmpty());
        Shift recovered = cpu(3, 160).orElseThrow();
        assertEquals(Level.CRITICAL, recovered.from());
        assertEquals(Level.OK, recovered.to());
    }

    @Test
    void aSpikeShorterThanTheSustainedTimeIsNoAlert() {
        assertTrue(cpu(99, 0).isEmpty());
        assertTrue(cpu(99, 30).isEmpty());
        assertTrue(cpu(10, 45).isEmpty());
        assertTrue(cpu(10, 200).isEmpty(), "back to OK is no news when nothing was announced");
    }

    @Test
    void metricsAndContainersAreSeparateAndGoneOnesAreForgotten() {
        assertTrue(levels.observe("web", "memory", 85, 80, 90, HELD, T0).isEmpty());
        assertTrue(cpu(95, 0).isEmpty());
        assertEquals(Level.WARNING, levels.observe("web", "memory", 85, 80, 90, HELD, T0.plusSeconds(60)).orElseThrow().to());
        levels.retain(Set.of("api"));
        assertTrue(cpu(95, 60).isEmpty(), "forgotten: its level starts over");
    }

    @Test
    void readingsSwingingBetweenWarningAndCriticalAddUpToASustainedWarning() {
        assertTrue(cpu(95, 0).isEmpty());
        assertTrue(cpu(85, 20).isEmpty());
        assertTrue(cpu(92, 40).isEmpty());
        assertEquals(Level.WARNING, cpu(86, 60).orElseThrow().to());
    }
}
