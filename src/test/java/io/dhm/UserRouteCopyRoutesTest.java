package io.dhm;

import io.dhm.engine.Health;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.dhm.engine.FakeEngine.compose;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's copy of a route in ROUTES_DIR, in process: RouteTestSupport loads it over the bundled route of its id, as
 * the monitor does, so the alert at mock:smtp has gone through the user's channel-smtp.
 */
class UserRouteCopyRoutesTest extends RouteTestSupport {

    @TempDir
    static Path routesDir;

    /** The bundled deliver-smtp.camel.yaml with one step of the user's: the environment in front of every subject. */
    @BeforeAll
    static void writeTheUsersCopy() throws IOException {
        String bundled;
        try (InputStream file = RouteTestSupport.class.getClassLoader().getResourceAsStream("routes/deliver-smtp.camel.yaml")) {
            bundled = new String(file.readAllBytes(), StandardCharsets.UTF_8);
        }
        String send = "        - to: \"{{monitor.mail.uri}}\"\n";
        assertTrue(bundled.contains(send), "deliver-smtp.camel.yaml no longer sends with " + send);
        Files.writeString(routesDir.resolve("deliver-smtp.camel.yaml"), bundled.replace(send, """
                        - setHeader:
                            name: Subject
                            simple: "[production] ${header.Subject}"
                """ + send), StandardCharsets.UTF_8);
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("ROUTES_DIR", routesDir.toString(), "WAIT_AND_CHECK_AGAIN_MIN", "0.01", "ALERT_GROUP_WAIT_SEC", "0",
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com");
    }

    @Test
    void theAlertGoesThroughTheUsersCopyOfTheRoute() throws Exception {
        engine.run(compose("c1", "shop", "web", Health.HEALTHY));
        poll();
        engine.run(compose("c1", "shop", "web", Health.UNHEALTHY));
        poll();

        MockEndpoint smtp = getMockEndpoint("mock:smtp");
        smtp.expectedMessageCount(1);
        smtp.expectedHeaderReceived("Subject", "[production] CRITICAL: [shop] shop-web-1 - Health Status Changed");
        deliverUntil(smtp, 1);
        smtp.assertIsSatisfied();
    }
}
