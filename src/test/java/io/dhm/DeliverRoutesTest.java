package io.dhm;

import io.dhm.engine.Health;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static io.dhm.engine.FakeEngine.compose;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox and the delivery loop behind the deliver and channel-smtp routes, in process: retries and grouping. */
class DeliverRoutesTest extends RouteTestSupport {

    @Override
    protected Map<String, String> settings() {
        // alerts within 30 s of the first for the same recipients leave as one message
        return Map.of("WAIT_AND_CHECK_AGAIN_MIN", "0.01", "ALERT_GROUP_WAIT_SEC", "30",
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com");
    }

    private void turnUnhealthy(String... services) throws InterruptedException {
        for (String service : services) {
            engine.run(compose(service, "shop", service, Health.HEALTHY));
        }
        poll();
        for (String service : services) {
            engine.run(compose(service, "shop", service, Health.UNHEALTHY));
        }
        poll();
        dispatched().expectedMessageCount(services.length);
        dispatched().assertIsSatisfied(10_000);
    }

    @Test
    void aFailingChannelIsRetriedThenDelivered() throws Exception {
        turnUnhealthy("web");
        MockEndpoint smtp = getMockEndpoint("mock:smtp");
        smtp.whenExchangeReceived(1, exchange -> {
            throw new IOException("connection refused");
        });
        clock.advance(Duration.ofSeconds(30)); // the group window
        deliverUntil(smtp, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !deliveryLoop().failingLanes(1).isEmpty());
        assertEquals(1, deliveryLoop().pendingCount(), "kept in the outbox for another try");

        deliverDue();
        assertEquals(1, smtp.getReceivedCounter(), "not retried before its backoff is over");
        clock.advance(Duration.ofSeconds(6)); // past the first retry's 5 s backoff
        deliverUntil(smtp, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveryLoop().pendingCount() == 0);
        assertTrue(deliveryLoop().failingLanes(1).isEmpty(), "the lane is healthy again");
    }

    @Test
    void alertsWithinTheGroupWindowLeaveAsOneMessage() throws Exception {
        turnUnhealthy("web", "api", "worker");
        MockEndpoint smtp = getMockEndpoint("mock:smtp");
        deliverDue();
        assertEquals(0, smtp.getReceivedCounter(), "the group window is still open");

        clock.advance(Duration.ofSeconds(30));
        smtp.expectedMessageCount(1);
        smtp.expectedHeaderReceived("Subject", "CRITICAL: 3 containers on Production - Health Status Changed");
        deliverUntil(smtp, 1);
        smtp.setAssertPeriod(1_000); // and no other message after it
        smtp.assertIsSatisfied();
        String body = smtp.getReceivedExchanges().get(0).getMessage().getBody(String.class);
        for (String container : new String[] {"shop-web-1", "shop-api-1", "shop-worker-1"}) {
            assertTrue(body.contains(container), container + " is in the grouped message");
        }
    }
}
