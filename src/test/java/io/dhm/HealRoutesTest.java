package io.dhm;

import io.dhm.ops.MonitorMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.dhm.alert.Alert;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import io.dhm.heal.HealBook;
import io.dhm.heal.HealRecord;
import io.dhm.history.History;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.dhm.engine.FakeEngine.compose;
import static io.dhm.engine.FakeEngine.id;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Auto-heal's routes (heal.camel.yaml) on the in-memory engine: an unhealthy container whose wait is over is restarted
 * through the engine port with the container sharing its network, and the restart is recorded (heal book, history),
 * counted and reported, also when the engine stops answering right after it.
 */
class HealRoutesTest extends RouteTestSupport {

    private static final ContainerView WEB = compose("web", "shop", "web", Health.UNHEALTHY);
    private static final ContainerView SIDECAR = compose("sidecar", "shop", "sidecar", Health.HEALTHY);

    @Override
    protected Map<String, String> settings() {
        return Map.of("AUTOHEAL_ENABLED", "true", "AUTOHEAL_CONTAINER_LABEL", "all", "AUTOHEAL_WAIT_SEC", "0",
                "AUTOHEAL_RESTART_DEPENDENTS", "true", "WAIT_AND_CHECK_AGAIN_MIN", "60",
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com");
    }

    @Override
    protected List<String> runningFiles() {
        return Stream.concat(SPINE_FILES.stream(), Stream.of("heal")).toList();
    }

    /** The every-second tick is left out: the decide route asks auto-heal at once on each unhealthy transition. */
    @Override
    @BeforeEach
    protected void adviseTimersAndStart() throws Exception {
        AdviceWith.adviceWith(context, "auto-heal", route -> route.replaceFromWith("direct:auto-heal-tick"));
        super.adviseTimersAndStart();
    }

    private List<Alert> restartAlerts() {
        return dispatched().getReceivedExchanges().stream().map(exchange -> exchange.getMessage().getBody(Alert.class))
                .filter(alert -> "restarted".equals(alert.toStatus())).toList();
    }

    /** The unhealthy web container and its sidecar in its network namespace; the poll sees web unhealthy. */
    private Alert healWeb() {
        engine.run(WEB);
        engine.run(SIDECAR);
        engine.sharesNetwork("sidecar", "web");
        poll();
        await().atMost(Duration.ofSeconds(15)).until(() -> restartAlerts().size() == 1);
        return restartAlerts().get(0);
    }

    private HealRecord bookRecord() throws Exception {
        HealBook book = new HealBook(foundation.database());
        book.reload(); // read back from the database, as a restarted monitor would
        return book.get(WEB.key()).orElseThrow();
    }

    private String historyOfWeb() throws Exception {
        return foundation.history().recent(WEB.key(), History.Kind.HEAL, 10).get(0).detail();
    }

    private double restartsCounted() {
        return context.getRegistry().lookupByNameAndType(MonitorMetrics.REGISTRY_BEAN, MeterRegistry.class)
                .find("dhm.restarts").counter().count();
    }

    @Test
    void anUnhealthyContainerIsRestartedWithItsNetworkDependentRecordedAndReported() throws Exception {
        Alert alert = healWeb();

        assertEquals(List.of(id("web"), id("sidecar")), engine.restarted());
        assertTrue(alert.details().startsWith("Auto-heal restarted the container: it was unhealthy"), alert.details());
        assertTrue(alert.details().endsWith(" Also restarted, as they depend on it: shop-sidecar-1."), alert.details());
        assertEquals(1, bookRecord().restarts().size());
        assertTrue(historyOfWeb().endsWith("; dependents [shop-sidecar-1]"), historyOfWeb());
        assertEquals(1.0, restartsCounted(), "dhm_restarts_total");
    }

    @Test
    void aRestartIsRecordedAndReportedWhenTheEngineStopsAnsweringRightAfterIt() throws Exception {
        engine.stopAnsweringAfterRestartOf("web");

        Alert alert = healWeb();

        assertEquals(List.of(id("web")), engine.restarted(), "the dependent's restart was not made");
        assertTrue(alert.details().endsWith(" The engine stopped answering right after the restart, so the containers"
                + " that depend on it may not all have been restarted."), alert.details());
        assertEquals(1, bookRecord().restarts().size());
        assertTrue(historyOfWeb().endsWith("; then the engine stopped answering"), historyOfWeb());
        assertEquals(1.0, restartsCounted(), "dhm_restarts_total");
    }
}
