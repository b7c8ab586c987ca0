package io.dhm.heal;

import io.dhm.store.Database;
import io.dhm.store.MemoryDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HealBookTest {

    @Test
    void restartLimitsAndQuarantinesOutliveTheMonitor() throws Exception {
        Database database = MemoryDatabase.create();
        HealBook book = new HealBook(database);
        book.reload();
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        HealRecord quarantined = new HealRecord("c1", List.of(t0, t0.plusSeconds(10)), t0.plusSeconds(10),
                Duration.ofSeconds(20), t0.plusSeconds(30), "2 restarts within 3600 s did not fix it");
        book.put("shop/web/1", HealRecord.fresh("c0"));
        book.put("shop/web/1", quarantined);

        HealBook restarted = new HealBook(database);
        restarted.reload();
        assertEquals(Optional.of(quarantined), restarted.get("shop/web/1"));
        assertEquals(1, restarted.all().size());
        assertEquals(Optional.empty(), restarted.get("shop/api/1"));
    }
}
