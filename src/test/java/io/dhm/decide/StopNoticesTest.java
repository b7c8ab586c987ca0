package io.dhm.decide;

import io.dhm.alert.Alert;
import io.dhm.alert.AlertFactory;
import io.dhm.alert.Severity;
import io.dhm.config.Settings;
import io.dhm.engine.ContainerState;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import io.dhm.observe.Change;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Lifecycle;
import io.dhm.observe.Status;
import io.dhm.observe.Transition;
import io.dhm.observe.WatchScope;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator's stops, from the tracker's transitions to the one notice per project (route stop-notices). */
class StopNoticesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final ContainerTracker tracker = new ContainerTracker(WatchScope.ALL);
    private final Lifecycle lifecycle = new Lifecycle();
    private final StopNotices notices = new StopNotices(Settings.from(new Properties()).lifecycle(), tracker, lifecycle,
            new AlertFactory("Production", Clock.fixed(T0, ZoneOffset.UTC)));

    private static ContainerView service(String id, String service, boolean running) {
        return new ContainerView(id, "shop-" + service + "-1", "img", "shop", service, "1", running, Health.NONE, "",
                Map.of("com.docker.compose.project", "shop", "com.docker.compose.service", service));
    }

    /** `docker stop` as the engine tells it: a kill, the exit, then what the inspect says. */
    private Transition stop(String id, String service, int second) {
        tracker.reconcile(List.of(service(id, service, true)), T0);
        lifecycle.record(new Lifecycle.Event("kill", id, T0.plusSeconds(second), null, "15"), service(id, service, true));
        lifecycle.record(new Lifecycle.Event("die", id, T0.plusSeconds(second), 137, null), service(id, service, true));
        ContainerView after = service(id, service, false);
        String status = lifecycle.inspected(after, new ContainerState("exited", false, 137, false, "", T0,
                T0.plusSeconds(second), 0, 0, List.of(), "none", false, "no", 0));
        assertEquals(Status.STOPPED, status);
        Transition stopped = tracker.observe(after, status, T0.plusSeconds(second)).orElseThrow();
        assertEquals(Change.STOPPED, stopped.change());
        return stopped;
    }

    @Test
    void aProjectStoppedAsAWholeIsOneNoticeNamingEveryContainer() {
        List<Transition> stops = List.of(stop("a", "db", 1), stop("b", "api", 2), stop("c", "worker", 2));
        assertEquals(1, stops.stream().map(notices::group).distinct().count(), "one group: the project");

        Alert notice = notices.notice(stops);

        assertEquals(Severity.INFO, notice.severity());
        assertEquals("Stopped by the operator: 3 containers", notice.headline());
        assertTrue(notice.details().contains("shop-db-1, shop-api-1, shop-worker-1"), notice.details());
        assertTrue(notice.cause().byOperator());
        assertEquals("15", notice.cause().signal());
    }

    @Test
    void aContainerBackWithinTheWaitIsNoStopAndStandaloneContainersAreGroupedAlone() {
        Transition stopped = stop("a", "db", 1);
        tracker.reconcile(List.of(service("a2", "db", true)), T0.plusSeconds(3)); // redeployed under the same identity
        assertNull(notices.notice(List.of(stopped)));

        ContainerView one = new ContainerView("x", "one", "img", null, null, null, false, Health.NONE, "");
        ContainerView two = new ContainerView("y", "two", "img", null, null, null, false, Health.NONE, "");
        Transition first = new Transition(one, "running", Status.STOPPED, Change.STOPPED, T0, null, null, null);
        Transition second = new Transition(two, "running", Status.STOPPED, Change.STOPPED, T0, null, null, null);
        assertTrue(!notices.group(first).equals(notices.group(second)), "two standalone containers, two notices");
    }
}
