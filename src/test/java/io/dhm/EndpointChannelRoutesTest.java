package io.dhm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dhm.engine.Health;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static io.dhm.engine.FakeEngine.compose;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Channel "endpoint": two kinds of Camel endpoint, a route of the user's (direct:) and a folder (file:), each down at
 * first. The alert waits in the outbox, is retried with the loop's backoff and is delivered once the endpoint is back.
 */
class EndpointChannelRoutesTest extends RouteTestSupport {

    private static final Path FOLDER = dataDir.resolve("endpoint-alerts");

    @Override
    protected Map<String, String> settings() {
        // block=false: with no route consuming it, direct: fails at once instead of waiting 30 s for one
        return Map.of("WAIT_AND_CHECK_AGAIN_MIN", "0.01", "ALERT_GROUP_WAIT_SEC", "0",
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com",
                "ALERT_ENDPOINTS", "direct:my-alerts?block=false,file:" + FOLDER);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:my-alerts").routeId("my-alerts").autoStartup(false).to("mock:my-alerts");
            }
        };
    }

    @Test
    void eachEndpointGetsTheAlertAsJsonOnceItIsBack() throws Exception {
        Files.writeString(FOLDER, "a file where the folder should be"); // the file endpoint cannot write: down
        engine.run(compose("c1", "shop", "web", Health.HEALTHY));
        poll();
        engine.run(compose("c1", "shop", "web", Health.UNHEALTHY));
        poll();
        dispatched().expectedMessageCount(1);
        dispatched().assertIsSatisfied(10_000);

        deliverDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveryLoop().failingLanes(1).size() == 2);
        assertEquals(2, deliveryLoop().pendingCount(), "the smtp copy left; both endpoint copies wait in the outbox");

        Files.delete(FOLDER);
        context.getRouteController().startRoute("my-alerts");
        clock.advance(Duration.ofSeconds(6)); // past the first retry's 5 s backoff
        MockEndpoint mine = getMockEndpoint("mock:my-alerts");
        deliverUntil(mine, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveryLoop().pendingCount() == 0);

        JsonNode received = new ObjectMapper().readTree(mine.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        assertEquals("shop-web-1", received.at("/alerts/0/container").asText());
        assertEquals("CRITICAL", received.at("/alerts/0/severity").asText());
        String alertId = received.at("/alerts/0/alert_id").asText();
        assertEquals(alertId, mine.getReceivedExchanges().get(0).getMessage().getHeader("X-Alert-Id"));
        try (Stream<Path> files = Files.list(FOLDER)) {
            Path written = files.findFirst().orElseThrow();
            assertEquals(alertId + ".json", written.getFileName().toString());
            assertTrue(Files.readString(written).contains("\"container\":\"shop-web-1\""));
        }
    }
}
