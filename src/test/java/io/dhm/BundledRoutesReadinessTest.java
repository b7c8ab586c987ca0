package io.dhm;

import io.dhm.ops.BundledRoutesHealthCheck;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness (/observe/health/ready) is DOWN while a bundled route is stopped or gone, and names it; UP again once it
 * runs. The routes of the spine stand for the bundled ones here (RouteFiles registers the check for all of them).
 */
class BundledRoutesReadinessTest extends RouteTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("HEALTH_CHECK_ALERT_EMAILS", "ops@example.com");
    }

    @BeforeEach
    void requireTheLoadedRoutes() {
        HealthCheckRegistry.get(context).register(new BundledRoutesHealthCheck(
                context.getRoutes().stream().map(Route::getRouteId).toList()));
    }

    private HealthCheck.Result readiness() {
        return HealthCheckHelper.invokeReadiness(context, "full").stream() // every check, not only the failing ones
                .filter(result -> result.getCheck().getId().equals("bundled-routes")).findFirst().orElseThrow();
    }

    @Test
    void aStoppedRouteMakesReadinessDownUntilItRunsAgain() throws Exception {
        assertEquals(HealthCheck.State.UP, readiness().getState());

        context.getRouteController().stopRoute("deliver");
        HealthCheck.Result stopped = readiness();
        assertEquals(HealthCheck.State.DOWN, stopped.getState());
        assertEquals("bundled routes not running: deliver (stopped)", stopped.getMessage().orElseThrow());

        context.getRouteController().startRoute("deliver");
        assertEquals(HealthCheck.State.UP, readiness().getState());
    }

    @Test
    void aRemovedRouteMakesReadinessDown() throws Exception {
        context.getRouteController().stopRoute("channel-webhook");
        context.removeRoute("channel-webhook");
        HealthCheck.Result removed = readiness();
        assertEquals(HealthCheck.State.DOWN, removed.getState());
        assertTrue(removed.getMessage().orElseThrow().contains("channel-webhook (missing)"), removed.getMessage().toString());
    }
}
