package io.dhm;

import io.dhm.engine.Health;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static io.dhm.engine.FakeEngine.compose;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The dispatch route's recipient list, in process: each alert goes to the people its project or name pattern names. */
class DispatchRoutesTest extends RouteTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("WAIT_AND_CHECK_AGAIN_MIN", "0.01", "ALERT_GROUP_WAIT_SEC", "0",
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com",
                "CONTAINER_ALERT_ROUTING", "shop:shop-team@example.com;billing:billing@example.com,finance@example.com");
    }

    @Test
    void routingByProjectPatternPicksTheRecipients() throws Exception {
        engine.run(compose("a", "shop", "web", Health.HEALTHY));
        engine.run(compose("b", "billing", "api", Health.HEALTHY));
        engine.run(compose("c", "misc", "cron", Health.HEALTHY));
        poll();
        engine.run(compose("a", "shop", "web", Health.UNHEALTHY));
        engine.run(compose("b", "billing", "api", Health.UNHEALTHY));
        engine.run(compose("c", "misc", "cron", Health.UNHEALTHY));
        poll();
        dispatched().expectedMessageCount(3);
        dispatched().assertIsSatisfied(10_000);

        MockEndpoint smtp = getMockEndpoint("mock:smtp");
        deliverUntil(smtp, 3);
        Map<String, String> recipients = new TreeMap<>();
        for (Exchange mail : smtp.getReceivedExchanges()) {
            recipients.put(mail.getMessage().getHeader("Subject", String.class), mail.getMessage().getHeader("To", String.class));
        }
        assertEquals(Map.of(
                "CRITICAL: [billing] billing-api-1 - Health Status Changed", "billing@example.com, finance@example.com",
                "CRITICAL: [misc] misc-cron-1 - Health Status Changed", "ops@example.com",
                "CRITICAL: [shop] shop-web-1 - Health Status Changed", "shop-team@example.com"), recipients);
    }
}
