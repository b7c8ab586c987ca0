package io.dhm.signal;

import io.dhm.ManualClock;
import io.dhm.alert.Alert;
import io.dhm.alert.AlertFactory;
import io.dhm.alert.Severity;
import io.dhm.engine.EngineFleet;
import io.dhm.engine.FakeEngine;
import io.dhm.engine.Outage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineOutagesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final FakeEngine web1 = new FakeEngine().named("web1");
    private final FakeEngine web2 = new FakeEngine().named("web2");
    private final EngineOutages outages = new EngineOutages(new EngineFleet(List.of(web1, web2)),
            new AlertFactory("Production", clock), Duration.ofSeconds(60), true, clock);

    @Test
    void anEngineSilentForTheWaitGivesOneCriticalAlertAndOneNoticeWhenItAnswersAgain() {
        web2.outage(new Outage(T0, "list containers: ConnectException Connection refused"));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(List.of(), outages.check(), "not before the wait");

        clock.advance(Duration.ofSeconds(1));
        List<Alert> down = outages.check();
        assertEquals(1, down.size());
        Alert unreachable = down.get(0);
        assertEquals(Severity.CRITICAL, unreachable.severity());
        assertEquals("web2", unreachable.engine());
        assertEquals("dockerd", unreachable.container());
        assertEquals("engine", unreachable.project());
        assertEquals("Engine unreachable", unreachable.headline());
        assertTrue(unreachable.details().contains("fake://engine"), unreachable.details());
        assertTrue(unreachable.details().contains("Connection refused"), unreachable.details());

        clock.advance(Duration.ofMinutes(10));
        assertEquals(List.of(), outages.check(), "once per outage");

        web2.outage(null);
        List<Alert> back = outages.check();
        assertEquals(1, back.size());
        assertEquals(Severity.INFO, back.get(0).severity());
        assertEquals("Engine reachable again", back.get(0).headline());
        assertEquals(List.of(), outages.check());
    }

    @Test
    void aShortOutageSaysNothingAndEachEngineCountsOnItsOwn() {
        web1.outage(new Outage(T0, "ping: timeout"));
        clock.advance(Duration.ofSeconds(30));
        web1.outage(null);
        web2.outage(new Outage(clock.instant(), "ping: timeout"));
        assertEquals(List.of(), outages.check());

        clock.advance(Duration.ofSeconds(60));
        List<Alert> down = outages.check();
        assertEquals(List.of("web2"), down.stream().map(Alert::engine).toList());
    }

    @Test
    void theSingleEnginesAlertNamesNoEngine() {
        FakeEngine local = new FakeEngine();
        EngineOutages single = new EngineOutages(local, new AlertFactory("Production", clock), Duration.ofSeconds(60),
                false, clock);
        local.outage(new Outage(T0, "ping: refused"));
        clock.advance(Duration.ofMinutes(2));

        Alert alert = single.check().get(0);
        assertNull(alert.engine());
        assertEquals("dockerd", alert.qualifiedContainer());
    }
}
