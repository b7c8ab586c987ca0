package io.dhm.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HealthTest {

    @Test
    void listStatusHealthy() {
        assertEquals(Health.HEALTHY, Health.fromListStatus("Up 2 minutes (healthy)"));
    }

    @Test
    void listStatusStarting() {
        assertEquals(Health.STARTING, Health.fromListStatus("Up 3 seconds (health: starting)"));
    }

    @Test
    void listStatusUnhealthy() {
        assertEquals(Health.UNHEALTHY, Health.fromListStatus("Up 1 hour (unhealthy)"));
    }

    @Test
    void listStatusWithoutHealthcheck() {
        assertEquals(Health.NONE, Health.fromListStatus("Up 5 minutes"));
        assertEquals(Health.NONE, Health.fromListStatus("Exited (0) 3 minutes ago"));
    }

    @Test
    void listStatusNull() {
        assertEquals(Health.NONE, Health.fromListStatus(null));
    }

    @Test
    void inspectHealthy() {
        assertEquals(Health.HEALTHY, Health.fromInspect("healthy"));
        assertEquals(Health.UNHEALTHY, Health.fromInspect("unhealthy"));
        assertEquals(Health.STARTING, Health.fromInspect("starting"));
    }

    @Test
    void inspectNull() {
        assertEquals(Health.NONE, Health.fromInspect(null));
        assertEquals(Health.NONE, Health.fromInspect(""));
    }

    @Test
    void inspectNone() {
        assertEquals(Health.NONE, Health.fromInspect("none"));
        assertEquals(Health.NONE, Health.fromInspect("NONE"));
    }

    @Test
    void wordsAreTheClassicLowerCaseStatuses() {
        assertEquals("healthy", Health.HEALTHY.word());
        assertEquals("unhealthy", Health.UNHEALTHY.word());
        assertEquals("starting", Health.STARTING.word());
    }

}
