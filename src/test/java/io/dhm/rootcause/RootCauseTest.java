package io.dhm.rootcause;

import io.dhm.ManualClock;
import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import io.dhm.engine.ContainerState;
import io.dhm.engine.ContainerView;
import io.dhm.engine.FakeEngine;
import io.dhm.engine.Health;
import io.dhm.history.History;
import io.dhm.observe.Change;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Status;
import io.dhm.observe.Transition;
import io.dhm.store.MemoryDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RootCauseTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final ContainerTracker tracker = new ContainerTracker();
    private final FakeEngine engine = new FakeEngine();
    private History history;

    @BeforeEach
    void open() throws Exception {
        history = new History(MemoryDatabase.create(), Duration.ofHours(1), clock);
    }

    private RootCause rootCause(boolean enabled) {
        return new RootCause(tracker, engine, history, clock, enabled);
    }

    /** A compose container of project shop with these labels on top of its compose ones. */
    private static ContainerView shop(String service, Health health, Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(labels);
        all.put("com.docker.compose.project", "shop");
        all.put("com.docker.compose.service", service);
        return new ContainerView(FakeEngine.id(service), "shop-" + service + "-1", "busybox", "shop", service, "1", true,
                health, "", all);
    }

    private static ContainerView standalone(String name, Health health, Map<String, String> labels) {
        return new ContainerView(FakeEngine.id(name), name, "busybox", null, null, null, true, health, "", labels);
    }

    /** Every container healthy first, then the given ones unhealthy: the transitions of the latter. */
    private Map<String, Transition> failing(List<ContainerView> healthy, List<ContainerView> unhealthy) {
        healthy.forEach(engine::run);
        tracker.reconcile(healthy, T0);
        Map<String, Transition> transitions = new HashMap<>();
        for (ContainerView view : unhealthy) {
            engine.run(view);
            transitions.put(view.name(), tracker.observe(view, T0.plusSeconds(1)).orElseThrow());
        }
        return transitions;
    }

    private static ContainerView with(ContainerView view, Health health) {
        return view.withHealth(health, "");
    }

    private static Alert alertFor(ContainerView container) {
        return new Alert("a1", Severity.CRITICAL, "Production", container.project(), container.name(), container.id(),
                container.image(), "healthy", "unhealthy", ZonedDateTime.ofInstant(T0, ZoneOffset.UTC),
                "Container remained unhealthy after 15 minute(s).", "", "", List.of());
    }

    private final ContainerView db = shop("db", Health.HEALTHY, Map.of());
    private final ContainerView api = shop("api", Health.HEALTHY, Map.of("com.docker.compose.depends_on", "db:service_healthy:false"));
    private final ContainerView worker = shop("worker", Health.HEALTHY,
            Map.of("com.docker.compose.depends_on", "db:service_healthy:true,api:service_started:false"));

    @Test
    void dependentsOfAFailingContainerAreFoldedIntoItsAlertWhichNamesThemFirst() throws Exception {
        Map<String, Transition> t = failing(List.of(db, api, worker), List.of(with(db, Health.UNHEALTHY),
                with(api, Health.UNHEALTHY), with(worker, Health.UNHEALTHY)));
        RootCause rootCause = rootCause(true);

        assertTrue(rootCause.fold(t.get("shop-api-1")));
        assertTrue(rootCause.fold(t.get("shop-worker-1")));
        assertFalse(rootCause.fold(t.get("shop-db-1")), "the cause itself alerts");

        Alert alert = rootCause.annotate(alertFor(with(db, Health.UNHEALTHY)), with(db, Health.UNHEALTHY));
        assertEquals(List.of("shop-api-1", "shop-worker-1"), alert.dependents());
        assertTrue(alert.details().startsWith("shop-db-1 is unhealthy; shop-api-1 and shop-worker-1 depend on it and are"
                + " failing too (their alerts are folded into this one). Container remained unhealthy"), alert.details());
        assertEquals("alert folded into shop-db-1's: it depends on shop-db-1, which is failing",
                history.recent("shop-api-1", History.Kind.FOLD, 5).get(0).detail());
    }

    @Test
    void autoHealRestartsTheCauseAndOnlyTheDependentsAskedToGoWithIt() {
        failing(List.of(db, api, worker), List.of(with(db, Health.UNHEALTHY), with(api, Health.UNHEALTHY),
                with(worker, Health.UNHEALTHY)));
        RootCause rootCause = rootCause(true);

        assertTrue(rootCause.waitsForDependency(api));
        assertTrue(rootCause.waitsForDependency(worker));
        assertFalse(rootCause.waitsForDependency(db));
        assertEquals(List.of("shop-worker-1"), rootCause.restartWith(db).stream().map(ContainerView::name).toList(),
                "compose's restart: true");
    }

    @Test
    void whenTheCauseIsHealthyAgainAFoldedDependentStillFailingGetsAWaitOfItsOwn() {
        Map<String, Transition> t = failing(List.of(db, api, worker), List.of(with(db, Health.UNHEALTHY),
                with(api, Health.UNHEALTHY), with(worker, Health.UNHEALTHY)));
        RootCause rootCause = rootCause(true);
        rootCause.fold(t.get("shop-api-1"));
        rootCause.fold(t.get("shop-worker-1"));
        tracker.observe(with(worker, Health.HEALTHY), T0.plusSeconds(5)); // recovered on its own
        clock.advance(Duration.ofSeconds(10));
        Transition back = tracker.observe(with(db, Health.HEALTHY), T0.plusSeconds(10)).orElseThrow();

        List<Transition> waits = rootCause.released(back);

        assertEquals(1, waits.size(), waits.toString());
        assertEquals("shop-api-1", waits.get(0).container().name());
        assertEquals(Change.UNHEALTHY, waits.get(0).change());
        assertEquals(clock.instant(), waits.get(0).at(), "a fresh wait, and a fresh alert id");
        assertEquals(t.get("shop-api-1").troubleSince(), waits.get(0).troubleSince());
        assertEquals(List.of(), rootCause.released(back), "released once");
        assertFalse(rootCause.waitsForDependency(api), "its dependency is healthy now");
    }

    @Test
    void sharingAFailingContainersNetworkIsADependency() {
        ContainerView proxy = standalone("proxy", Health.HEALTHY, Map.of());
        ContainerView sidecar = standalone("sidecar", Health.HEALTHY, Map.of());
        Map<String, Transition> t = failing(List.of(proxy, sidecar), List.of(with(proxy, Health.UNHEALTHY),
                with(sidecar, Health.UNHEALTHY)));
        engine.state("sidecar", new ContainerState("running", true, 0, false, "", null, null, 0, 1, List.of(),
                "container:" + proxy.id()));

        assertTrue(rootCause(true).fold(t.get("sidecar")));
    }

    @Test
    void theOwnLabelNamesContainersAndAnUnknownNameNeverHidesAnAlert() {
        ContainerView cache = standalone("cache", Health.HEALTHY, Map.of());
        ContainerView app = standalone("app", Health.HEALTHY, Map.of("healthmonitor.depends_on", "nosuch, cache",
                "healthmonitor.restart_with_dependency", "true"));
        ContainerView lonely = standalone("lonely", Health.HEALTHY, Map.of("healthmonitor.depends_on", "nosuch"));
        Map<String, Transition> t = failing(List.of(cache, app, lonely), List.of(with(cache, Health.UNHEALTHY),
                with(app, Health.UNHEALTHY), with(lonely, Health.UNHEALTHY)));
        RootCause rootCause = rootCause(true);

        assertTrue(rootCause.fold(t.get("app")));
        assertFalse(rootCause.fold(t.get("lonely")));
        assertEquals(List.of("app"), rootCause.restartWith(cache).stream().map(ContainerView::name).toList());
    }

    @Test
    void twoContainersThatDependOnEachOtherNeverBothFold() {
        ContainerView a = standalone("a", Health.HEALTHY, Map.of("healthmonitor.depends_on", "b"));
        ContainerView b = standalone("b", Health.HEALTHY, Map.of("healthmonitor.depends_on", "a"));
        Map<String, Transition> t = failing(List.of(a, b), List.of(with(a, Health.UNHEALTHY), with(b, Health.UNHEALTHY)));
        RootCause rootCause = rootCause(true);

        assertTrue(rootCause.fold(t.get("a")));
        assertFalse(rootCause.fold(t.get("b")), "b alerts, naming a");
        assertEquals(List.of("a"), rootCause.annotate(alertFor(b), b).dependents());
    }

    @Test
    void aHealthyDependencyOrFoldingTurnedOffFoldsNothing() {
        Map<String, Transition> t = failing(List.of(db, api), List.of(with(api, Health.UNHEALTHY)));
        assertFalse(rootCause(true).fold(t.get("shop-api-1")), "db is healthy: api alerts on its own");

        Map<String, Transition> both = failing(List.of(), List.of(with(db, Health.UNHEALTHY)));
        assertFalse(rootCause(false).fold(t.get("shop-api-1")));
        assertFalse(rootCause(false).waitsForDependency(api));
        Alert alert = alertFor(db);
        assertEquals(alert, rootCause(false).annotate(alert, db));
        assertEquals(1, both.size());
    }

    @Test
    void aDependentWaitsWhileItsDependencyStartsAndGetsItsWholeWaitOnceItIsHealthy() {
        failing(List.of(db, api), List.of(with(db, Health.UNHEALTHY), with(api, Health.UNHEALTHY)));
        RootCause rootCause = rootCause(true);
        Instant apiSince = T0.plusSeconds(1);

        tracker.observe(db, Status.STOPPED, T0.plusSeconds(19)); // auto-heal's restart stops it first
        assertTrue(rootCause.waitsForDependency(api), "a dependency down for its restart");
        tracker.observe(with(db, Health.STARTING), T0.plusSeconds(20)); // and starts it again
        assertTrue(rootCause.waitsForDependency(api));
        assertEquals(apiSince, rootCause.countsFrom(api, apiSince));

        tracker.observe(with(db, Health.HEALTHY), T0.plusSeconds(25));
        assertFalse(rootCause.waitsForDependency(api));
        assertEquals(T0.plusSeconds(25), rootCause.countsFrom(api, apiSince), "api's wait starts when db is back");
        assertEquals(T0.plusSeconds(30), rootCause.countsFrom(api, T0.plusSeconds(30)), "a later start stays");
        assertEquals(apiSince, rootCause(false).countsFrom(api, apiSince));
    }
}
