package io.dhm.evidence;

import io.dhm.ManualClock;
import io.dhm.alert.Alert;
import io.dhm.alert.Evidence;
import io.dhm.alert.Severity;
import io.dhm.engine.ContainerState;
import io.dhm.engine.ContainerView;
import io.dhm.engine.EngineUnavailableException;
import io.dhm.engine.FakeEngine;
import io.dhm.engine.Health;
import io.dhm.history.History;
import io.dhm.resource.ResourceSample;
import io.dhm.store.MemoryDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvidenceTimelineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final ManualClock clock = new ManualClock(T0);
    private final FakeEngine engine = new FakeEngine();
    private final ContainerView web = new ContainerView(FakeEngine.id("web"), "web", "shop/web:2", null, null, null,
            true, Health.UNHEALTHY, "exit code 1: refused");
    private History history;

    @BeforeEach
    void open() throws Exception {
        history = new History(MemoryDatabase.create(), Duration.ofHours(1), clock);
        engine.run(web);
    }

    private EvidenceTimeline timeline(int outputLines, List<ResourceSample> samples) {
        return new EvidenceTimeline(engine, history, name -> samples, WINDOW, outputLines, clock);
    }

    private static ContainerState.Probe probe(Instant at, long exitCode, String output) {
        return new ContainerState.Probe(at, at.plusMillis(30), exitCode, output);
    }

    private Alert alert(Severity severity, String to) {
        return new Alert("a1", severity, "Production", null, "web", web.id(), "shop/web:2", "healthy", to,
                ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), "details", "", "", List.of());
    }

    private void recordAt(Instant at, History.Kind kind, String detail) {
        clock.set(at);
        history.record(kind, web, detail, null);
    }

    @Test
    void healthChecksWithExitCodesAndOutputsThenTheStateWithTheRestartCount() {
        Instant alertAt = T0.plus(Duration.ofMinutes(20));
        engine.state("web", new ContainerState("running", true, 0, false, "", alertAt.minusSeconds(300), null, 2, 3,
                List.of(probe(T0, 0, "ok"), // older than the window
                        probe(alertAt.minusSeconds(20), 1, "line 1\nline 2\nrefused"),
                        probe(alertAt.minusSeconds(10), 1, "refused")), "none"));
        recordAt(alertAt.minusSeconds(19), History.Kind.TRANSITION, "healthy → unhealthy (UNHEALTHY)");
        clock.set(alertAt);

        List<Evidence> rows = timeline(2, List.of()).attach(alert(Severity.CRITICAL, "unhealthy")).timeline();

        assertEquals(List.of("start", "health", "status", "health", "state"), rows.stream().map(Evidence::kind).toList(), rows.toString());
        assertEquals("healthy → unhealthy", rows.get(2).summary());
        assertEquals("started (restart count 2)", rows.get(0).summary());
        assertEquals("health check failed, exit code 1", rows.get(1).summary());
        assertEquals(1L, rows.get(1).exitCode());
        assertEquals("line 2\nrefused", rows.get(1).detail(), "the last HEALTH_CHECK_LOG_LINES lines of the output");
        assertEquals("running, health check failed 3 times in a row, restart count 2", rows.get(4).summary());
        assertEquals(alertAt, rows.get(4).at());
    }

    @Test
    void anOomKilledExitIsNamedOnceThoughTheEventWasRecordedToo() {
        Instant died = T0.plusSeconds(100);
        recordAt(T0.plusSeconds(40), History.Kind.EVENT, "started from image shop/web:1");
        recordAt(T0.plusSeconds(60), History.Kind.EVENT, "started from image shop/web:2");
        recordAt(died.minusMillis(9), History.Kind.EVENT, "out of memory: the kernel killed a process (OOMKilled)");
        recordAt(died.minusMillis(5), History.Kind.EVENT, "out of memory: the kernel killed a process (OOMKilled)");
        recordAt(died.plusMillis(20), History.Kind.EVENT, "exited with code 137");
        engine.state("web", new ContainerState("exited", false, 137, true, "", T0.plusSeconds(60), died, 0, 0, List.of(), "none"));
        clock.set(T0.plusSeconds(400));

        List<Evidence> rows = timeline(50, List.of()).attach(alert(Severity.ERROR, "not_found")).timeline();

        assertEquals(List.of("start", "start", "image", "oom", "exit", "state"), rows.stream().map(Evidence::kind).toList(), rows.toString());
        assertEquals("image changed: shop/web:1 → shop/web:2", rows.get(2).summary());
        assertEquals("exited with code 137, OOMKilled", rows.get(4).summary());
        assertEquals(137L, rows.get(4).exitCode());
        assertEquals("exited with code 137, OOMKilled, restart count 0", rows.get(5).summary());
    }

    @Test
    void anExitTheEngineNoLongerKeepsComesFromTheEventWithItsCode() {
        recordAt(T0.plusSeconds(10), History.Kind.EVENT, "exited with code 3");
        recordAt(T0.plusSeconds(11), History.Kind.EVENT, "started from image shop/web:2");
        clock.set(T0.plusSeconds(60));

        List<Evidence> rows = timeline(50, List.of()).attach(alert(Severity.CRITICAL, "unhealthy")).timeline();

        assertEquals(List.of("exit", "start", "state"), rows.stream().map(Evidence::kind).toList(), rows.toString());
        assertEquals(3L, rows.get(0).exitCode());
    }

    @Test
    void aCustomCheckThatKeepsItsResultIsOneRowPerRun() {
        recordAt(T0.plusSeconds(10), History.Kind.CHECK, "http://web/health: passed, 200");
        recordAt(T0.plusSeconds(20), History.Kind.CHECK, "http://web/health: passed, 200");
        recordAt(T0.plusSeconds(30), History.Kind.CHECK, "http://web/health: failed, 503");
        recordAt(T0.plusSeconds(40), History.Kind.CHECK, "http://web/health: failed, 503");
        recordAt(T0.plusSeconds(50), History.Kind.HEAL, "restarted: unhealthy for 10 s");
        clock.set(T0.plusSeconds(60));

        List<Evidence> rows = timeline(50, List.of()).attach(alert(Severity.CRITICAL, "unhealthy")).timeline();

        assertEquals(List.of("check", "check", "heal", "state"), rows.stream().map(Evidence::kind).toList(), rows.toString());
        assertEquals(T0.plusSeconds(30), rows.get(1).at());
    }

    @Test
    void resourceReadingsOnlyForAResourceAlert() {
        List<ResourceSample> samples = List.of(new ResourceSample(T0.plusSeconds(30), 95.5, 100 << 20, 512L << 20,
                19.5, 0, 0, 0, 0, 3));
        clock.set(T0.plusSeconds(60));
        assertTrue(timeline(50, samples).attach(alert(Severity.CRITICAL, "unhealthy")).timeline().stream()
                .noneMatch(row -> row.kind().equals("resource")));

        List<Evidence> rows = timeline(50, samples).attach(alert(Severity.CRITICAL, "cpu_critical")).timeline();
        assertEquals("CPU 95.5 %, memory 19.5 % of 512 MiB", rows.get(0).summary());
    }

    @Test
    void noOutputsWhenAlertsCarryNoLogLines() {
        engine.state("web", new ContainerState("running", true, 0, false, "", null, null, 0, 1,
                List.of(probe(T0.minusSeconds(5), 1, "secret-looking output")), "none"));
        List<Evidence> rows = timeline(0, List.of()).attach(alert(Severity.CRITICAL, "unhealthy")).timeline();
        assertEquals("", rows.get(0).detail());
    }

    @Test
    void anEngineThatDoesNotAnswerIsSaidAndTheAlertStillLeaves() {
        FakeEngine down = new FakeEngine() {
            @Override
            public Optional<ContainerState> state(String idOrName) {
                throw new EngineUnavailableException("connection refused", null);
            }
        };
        recordAt(T0.minusSeconds(30), History.Kind.TRANSITION, "healthy → unhealthy (UNHEALTHY)");
        clock.set(T0);
        List<Evidence> rows = new EvidenceTimeline(down, history, name -> List.of(), WINDOW, 50, clock)
                .attach(alert(Severity.CRITICAL, "unhealthy")).timeline();
        assertEquals(List.of("status", "monitor"), rows.stream().map(Evidence::kind).toList());
        assertTrue(rows.get(1).summary().startsWith("the engine did not answer"));
    }

    @Test
    void aNoticeGetsNoTimeline() {
        Alert recovered = alert(Severity.INFO, "healthy");
        assertSame(recovered, timeline(50, List.of()).attach(recovered));
    }

    @Test
    void aLongTimelineKeepsItsNewestRows() {
        for (int i = 0; i < 40; i++) {
            recordAt(T0.plusSeconds(i), History.Kind.SIGNAL, "signal " + i);
        }
        clock.set(T0.plusSeconds(60));
        List<Evidence> rows = timeline(50, List.of()).attach(alert(Severity.CRITICAL, "unhealthy")).timeline();
        assertEquals(EvidenceTimeline.MOST, rows.size());
        assertEquals("12 earlier rows left out", rows.get(0).summary());
        assertEquals("signal 12", rows.get(1).summary());
        assertEquals("signal 39", rows.get(rows.size() - 2).summary());
    }

    @Test
    void theRowsOfAnotherContainerAreNotShown() {
        ContainerView other = new ContainerView(FakeEngine.id("db"), "db", "pg", null, null, null, true, Health.HEALTHY, "",
                Map.of());
        history.record(History.Kind.HEAL, other, "restarted", null);
        assertEquals(List.of("state"), timeline(50, List.of()).attach(alert(Severity.CRITICAL, "unhealthy")).timeline()
                .stream().map(Evidence::kind).toList());
    }
}
