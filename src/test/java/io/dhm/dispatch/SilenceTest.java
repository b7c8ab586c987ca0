package io.dhm.dispatch;

import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import io.dhm.store.MemoryDatabase;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SilenceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static Alert alert(String container, String project) {
        return new Alert("a1", Severity.CRITICAL, "Test", project, container, "id", "img", "healthy", "unhealthy",
                ZonedDateTime.ofInstant(T0, ZoneOffset.UTC), "d", "", "", List.of());
    }

    private static Silence silence(String container, String project, Instant until) {
        return new Silence("s1", container, project, until, "deploy", T0);
    }

    @Test
    void withSeveralEnginesAGlobMayNameTheEngine() {
        Alert onWeb2 = new Alert("a1", Severity.CRITICAL, "Test", null, "api-1", "id", "img", "healthy", "unhealthy",
                ZonedDateTime.ofInstant(T0, ZoneOffset.UTC), "d", "", "", List.of(), List.of(), List.of(), "web2", null);
        assertTrue(silence("web2/*", null, T0.plusSeconds(60)).matches(onWeb2));
        assertTrue(silence("api-*", null, T0.plusSeconds(60)).matches(onWeb2));
        assertFalse(silence("web1/*", null, T0.plusSeconds(60)).matches(onWeb2));
    }

    @Test
    void matchesByContainerGlobProjectOrBoth() {
        assertTrue(silence("web-*", null, T0.plusSeconds(60)).matches(alert("web-1", "shop")));
        assertFalse(silence("web-*", null, T0.plusSeconds(60)).matches(alert("api-1", "shop")));
        assertTrue(silence(null, "shop", T0.plusSeconds(60)).matches(alert("api-1", "shop")));
        assertTrue(silence(null, "standalone", T0.plusSeconds(60)).matches(alert("api-1", null)));
        assertFalse(silence("web-*", "billing", T0.plusSeconds(60)).matches(alert("web-1", "shop")));
    }

    @Test
    void onlyActiveSilencesMuteAndTheyOutliveTheMonitor() throws Exception {
        var database = MemoryDatabase.create();
        Silences silences = new Silences(database, Clock.fixed(T0, ZoneOffset.UTC));
        silences.open();
        silences.add(silence("web-*", null, T0.plusSeconds(60)));
        silences.add(new Silence("old", "api-*", null, T0.minusSeconds(1), "over", T0.minusSeconds(100)));
        assertTrue(silences.reason(alert("web-1", null)).startsWith("silence s1 until 2026-01-01T10:01:00Z: deploy"));
        assertNull(silences.reason(alert("api-1", null)), "an expired silence no longer mutes");

        Silences reopened = new Silences(database, Clock.fixed(T0, ZoneOffset.UTC));
        reopened.open();
        assertEquals(2, reopened.all().size());
        assertTrue(reopened.remove("s1"));
        assertFalse(reopened.remove("s1"));
    }
}
