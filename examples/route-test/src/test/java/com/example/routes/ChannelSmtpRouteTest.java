package com.example.routes;

import io.dhm.RouteTestSupport;
import io.dhm.engine.Health;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.dhm.engine.FakeEngine.compose;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Our copy of deliver-smtp.camel.yaml (routes/, the ROUTES_DIR of our monitor) puts the environment in front of every
 * subject. RouteTestSupport runs the monitor's routes with our copies over the bundled ones, as the monitor does:
 * a container turns unhealthy in the fake engine, one poll finds it, and the alert mail reaches mock:smtp (the SMTP
 * channel's endpoint in the test) through our route.
 */
class ChannelSmtpRouteTest extends RouteTestSupport {

    @Override
    protected Map<String, String> settings() {
        // our route files (the pom passes routes.dir); a 600 ms wait before the alert, which leaves on its own
        return Map.of("ROUTES_DIR", System.getProperty("routes.dir", "routes"),
                "WAIT_AND_CHECK_AGAIN_MIN", "0.01", "ALERT_GROUP_WAIT_SEC", "0",
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com");
    }

    @Test
    void theAlertMailCarriesTheEnvironmentInItsSubject() throws Exception {
        engine.run(compose("web1", "shop", "web", Health.HEALTHY));
        poll();
        engine.run(compose("web1", "shop", "web", Health.UNHEALTHY));
        poll();

        MockEndpoint smtp = getMockEndpoint("mock:smtp");
        smtp.expectedMessageCount(1);
        smtp.expectedHeaderReceived("To", "ops@example.com");
        // the bundled route sends "CRITICAL: [shop] shop-web-1 - Health Status Changed"; ours puts "[production] " first
        smtp.expectedHeaderReceived("Subject", "[production] CRITICAL: [shop] shop-web-1 - Health Status Changed");
        deliverUntil(smtp, 1);
        smtp.assertIsSatisfied();
        // and said outright: a mismatch the mock records on the delivering thread is not always the test's failure
        assertEquals("[production] CRITICAL: [shop] shop-web-1 - Health Status Changed",
                smtp.getReceivedExchanges().get(0).getMessage().getHeader("Subject"));
    }
}
