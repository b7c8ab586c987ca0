package io.dhm.ops;

import io.dhm.observe.TrackedContainer;
import io.dhm.heal.HealRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MonitorStateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final UnaryOperator<HealRecord> NEVER_RELEASED = record -> record;

    private static HealRecord quarantined(String containerId) {
        return new HealRecord(containerId, List.of(T0), T0, Duration.ofSeconds(10), T0, "5 restarts did not fix it");
    }

    @Test
    void quarantinedAreTheRecordsStillInQuarantineForTheSameContainer() {
        List<TrackedContainer> tracked = List.of(
                ContainerCensusTest.tracked("web", "shop", "unhealthy", "ALERTED"),       // id-web, key shop/web/1
                ContainerCensusTest.tracked("api", "shop", "healthy", "OK"));            // id-api, key shop/api/1
        Map<String, HealRecord> records = Map.of(
                "shop/web/1", quarantined("id-web"),
                "shop/api/1", quarantined("id-old-api"),                                 // redeployed since: free
                "crashy", quarantined("id-crashy"),                                      // not tracked (no healthcheck)
                "fine", new HealRecord("id-fine", List.of(T0), T0, Duration.ofSeconds(10), null, null));

        assertEquals(List.of("crashy", "shop/web/1"), MonitorState.quarantined(tracked, records, NEVER_RELEASED));
    }

    @Test
    void aReleasedQuarantineIsNotCounted() {
        UnaryOperator<HealRecord> released = record -> new HealRecord(record.containerId(), List.of(), null, null, null, null);

        assertEquals(List.of(), MonitorState.quarantined(List.of(), Map.of("crashy", quarantined("id-crashy")), released));
    }
}
