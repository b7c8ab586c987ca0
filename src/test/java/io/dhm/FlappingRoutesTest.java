package io.dhm;

import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import io.dhm.engine.Health;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.dhm.engine.FakeEngine.compose;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Flapping, in process: observe -> decide -> flapping -> dispatch -> deliver, and the flapping-stable check. */
class FlappingRoutesTest extends RouteTestSupport {

    @Override
    protected Map<String, String> settings() {
        // a 3 s wait, far longer than each spell here; flapping at the third return within 10 minutes
        return Map.of("WAIT_AND_CHECK_AGAIN_MIN", "0.05", "FLAPPING_COUNT", "3", "FLAPPING_WINDOW_MIN", "10",
                "ALERT_GROUP_WAIT_SEC", "0", "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com");
    }

    /** Unhealthy and back at once, each spell settled by the confirmation without an alert. */
    private void flap(int times) {
        for (int i = 0; i < times; i++) {
            engine.run(compose("c1", "shop", "web", Health.UNHEALTHY));
            poll();
            clock.advance(Duration.ofSeconds(20));
            engine.run(compose("c1", "shop", "web", Health.HEALTHY));
            poll();
            clock.advance(Duration.ofSeconds(40));
        }
    }

    private List<String> dispatchedAlerts() {
        return dispatched().getReceivedExchanges().stream()
                .map(exchange -> exchange.getMessage().getBody(Alert.class))
                .map(alert -> alert.severity() + " " + alert.toStatus()).toList();
    }

    @Test
    void aFlappingContainerIsOneWarningAndOneInfoOnceStable() throws Exception {
        engine.run(compose("c1", "shop", "web", Health.HEALTHY));
        poll();
        flap(5);
        dispatched().expectedMessageCount(1);
        dispatched().setAssertPeriod(4_000); // longer than the wait: no CRITICAL either
        dispatched().assertIsSatisfied();
        assertEquals(List.of("WARNING flapping"), dispatchedAlerts());
        MockEndpoint smtp = getMockEndpoint("mock:smtp");
        deliverUntil(smtp, 1);
        assertEquals("WARNING: [shop] shop-web-1 - Flapping", smtp.getExchanges().get(0).getMessage().getHeader("Subject"));

        clock.advance(Duration.ofMinutes(9)); // the last return was 9 min 40 s ago
        checkStable();
        assertEquals(1, dispatched().getReceivedCounter(), "not stable before the window is over");
        clock.advance(Duration.ofMinutes(1));
        checkStable();
        checkStable();
        assertEquals(List.of("WARNING flapping", "INFO stable"), dispatchedAlerts());
        deliverUntil(smtp, 2);
        assertEquals("INFO: [shop] shop-web-1 - Stable again", smtp.getExchanges().get(1).getMessage().getHeader("Subject"));
    }

    @Test
    void theTransitionGoesOnToTheConfirmationAsBefore() throws Exception {
        engine.run(compose("c1", "shop", "web", Health.HEALTHY));
        poll();
        flap(3);
        engine.run(compose("c1", "shop", "web", Health.UNHEALTHY)); // and this time it stays unhealthy
        poll();
        dispatched().expectedMessageCount(2);
        dispatched().assertIsSatisfied(10_000);
        assertEquals(List.of("WARNING flapping", "CRITICAL unhealthy"), dispatchedAlerts());
        assertEquals(Severity.CRITICAL, dispatched().getReceivedExchanges().get(1).getMessage().getBody(Alert.class).severity());
    }
}
