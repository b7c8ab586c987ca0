package io.dhm;

import io.dhm.engine.Health;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.dhm.engine.FakeEngine.compose;
import static io.dhm.engine.FakeEngine.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Confirm-after-wait, in process: observe -> decide -> confirm-after-wait -> dispatch -> deliver -> channel-smtp. */
class ConfirmRoutesTest extends RouteTestSupport {

    @Override
    protected Map<String, String> settings() {
        // a 600 ms wait; each alert leaves on its own
        return Map.of("WAIT_AND_CHECK_AGAIN_MIN", "0.01", "ALERT_GROUP_WAIT_SEC", "0",
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com");
    }

    @Test
    void anUnhealthyContainerIsAlertedOnceTheWaitIsOver() throws Exception {
        engine.run(compose("c1", "shop", "web", Health.HEALTHY));
        poll();
        engine.run(compose("c1", "shop", "web", Health.UNHEALTHY));
        poll();
        assertEquals(0, dispatched().getReceivedCounter(), "not before the wait is over");
        dispatched().expectedMessageCount(1);
        dispatched().assertIsSatisfied(10_000);

        MockEndpoint smtp = getMockEndpoint("mock:smtp");
        smtp.expectedMessageCount(1);
        smtp.expectedHeaderReceived("To", "ops@example.com");
        smtp.expectedHeaderReceived("Subject", "CRITICAL: [shop] shop-web-1 - Health Status Changed");
        deliverUntil(smtp, 1);
        smtp.assertIsSatisfied();
        assertTrue(smtp.getExchanges().get(0).getMessage().getBody(String.class).contains("log of " + id("c1")),
                "the alert carries the container's log");
    }

    /** Nothing reaches dispatch in three times the wait (the aggregator checks its timeouts every second). */
    private void nothingDispatched() throws InterruptedException {
        dispatched().expectedMessageCount(0);
        dispatched().setAssertPeriod(3_000);
        dispatched().assertIsSatisfied();
    }

    @Test
    void healthyAgainWithinTheWaitSendsNothing() throws Exception {
        engine.run(compose("c1", "shop", "web", Health.HEALTHY));
        poll();
        engine.run(compose("c1", "shop", "web", Health.UNHEALTHY));
        poll();
        engine.run(compose("c1", "shop", "web", Health.HEALTHY));
        poll();
        nothingDispatched(); // a return within the wait ends it without an alert
        assertEquals(0, deliveryLoop().pendingCount());
    }

    @Test
    void aRedeployIsQuiet() throws Exception {
        engine.run(compose("old", "shop", "web", Health.HEALTHY));
        poll();
        engine.remove("old"); // compose up: the old container goes ...
        poll();
        engine.run(compose("new", "shop", "web", Health.HEALTHY)); // ... and its replacement comes up healthy
        poll();
        nothingDispatched(); // the same service back within the wait is no incident
        assertEquals(0, deliveryLoop().pendingCount());
    }
}
