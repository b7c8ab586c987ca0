package io.dhm;

import io.dhm.engine.Health;
import io.dhm.decide.AlertMemory;
import io.dhm.history.History;
import io.dhm.observe.TrackedContainer;
import io.dhm.ops.MonitorMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.dhm.engine.FakeEngine.compose;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A step of the user's that always fails after a wait ended: retried CONFIRM_MAXIMUM_REDELIVERIES times, then one
 * dead letter, and the alert queued once however often the steps before it ran.
 */
class ConfirmDeadLetterRoutesTest extends RouteTestSupport {

    private final AtomicInteger attempts = new AtomicInteger();

    @Override
    protected Map<String, String> settings() {
        return Map.of("WAIT_AND_CHECK_AGAIN_MIN", "0.01", "ALERT_GROUP_WAIT_SEC", "0",
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com", "ALERT_COOLDOWN_SEC", "0",
                "CONFIRM_MAXIMUM_REDELIVERIES", "2", "CONFIRM_REDELIVERY_DELAY_MS", "10");
    }

    private void failAlways() {
        attempts.incrementAndGet();
        throw new IllegalStateException("the user's step is broken");
    }

    @Test
    void aFailingStepAfterDispatchIsRetriedThenDeadLettered() throws Exception {
        AdviceWith.adviceWith(context, "confirm-after-wait",
                route -> route.weaveByToUri("direct:dispatch").after().process(exchange -> failAlways()));
        unhealthyContainer();

        List<History.Entry> deadLetters = awaitDeadLetter();
        assertEquals(3, attempts.get(), "the first run and two retries");
        assertTrue(deadLetters.get(0).detail().contains("IllegalStateException: the user's step is broken"),
                deadLetters.get(0).detail());
        assertEquals(List.of("ALERTED"), foundation.tracker().snapshot().stream().map(TrackedContainer::phase).toList(),
                "its alert is in the outbox: ALERTED");
        sentOnce();
        assertEquals(1.0, deadLetterCount());
    }

    @Test
    void aFailingStepInTheDispatchRouteQueuesTheAlertOnce() throws Exception {
        // the whole dispatch route runs again on each retry: the alert's id is the confirmation's, so it is queued once
        AdviceWith.adviceWith(context, "dispatch", route -> route.weaveAddLast().process(exchange -> failAlways()));
        unhealthyContainer();

        awaitDeadLetter();
        assertEquals(3, attempts.get(), "the first run and two retries");
        assertEquals(3, dispatched().getReceivedCounter(), "dispatch ran three times");
        sentOnce();
        assertEquals(1.0, deadLetterCount());
    }

    @Test
    void anAlertTheDispatchNeverStoredLeavesADeadLetterAndTheContainerNotAlerted() throws Exception {
        // fails before the outbox: nothing of this alert is stored
        AdviceWith.adviceWith(context, "dispatch", route -> route.weaveByToUri("direct:evidence").before()
                .process(exchange -> failAlways()));
        unhealthyContainer();

        awaitDeadLetter();
        assertEquals(0, deliveryLoop().pendingCount(), "nothing was stored");
        assertEquals(List.of("PENDING"), foundation.tracker().snapshot().stream().map(TrackedContainer::phase).toList(),
                "not ALERTED: the API must not claim an alert that went nowhere");
        assertTrue(context.getRegistry().findSingleByType(AlertMemory.class).all().isEmpty(),
                "nor remembered as alerted across a restart");
    }

    /** The alert was queued once, so it is sent once. */
    private void sentOnce() throws Exception {
        MockEndpoint smtp = getMockEndpoint("mock:smtp");
        deliverUntil(smtp, 1);
        smtp.expectedMessageCount(1);
        smtp.setAssertPeriod(1_000);
        smtp.assertIsSatisfied();
        assertEquals(0, deliveryLoop().pendingCount());
    }

    private void unhealthyContainer() {
        engine.run(compose("c1", "shop", "web", Health.HEALTHY));
        poll();
        engine.run(compose("c1", "shop", "web", Health.UNHEALTHY));
        poll();
    }

    private List<History.Entry> awaitDeadLetter() throws Exception {
        History history = context.getRegistry().findSingleByType(History.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> !history.recent(null, History.Kind.DEAD_LETTER, 10).isEmpty());
        // nothing more may follow: no second series, no second dead letter
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> history.recent(null, History.Kind.DEAD_LETTER, 10).size() == 1);
        return history.recent(null, History.Kind.DEAD_LETTER, 10);
    }

    private double deadLetterCount() {
        return context.getRegistry().lookupByNameAndType(MonitorMetrics.REGISTRY_BEAN, MeterRegistry.class)
                .get("dhm.confirm.dead.letters").counter().count();
    }
}
