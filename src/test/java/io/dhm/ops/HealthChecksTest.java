package io.dhm.ops;

import io.dhm.ManualClock;
import io.dhm.config.Settings;
import io.dhm.deliver.Batch;
import io.dhm.deliver.Channel;
import io.dhm.deliver.DeliveryResult;
import io.dhm.deliver.DeliveryLoop;
import io.dhm.deliver.Outbox;
import io.dhm.dispatch.Target;
import io.dhm.engine.DockerGateway;
import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import io.dhm.store.MemoryDatabase;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness checks over the real gateway, deliveryLoop and (in-memory) outbox. */
class HealthChecksTest {

    /** A channel that answers with the results it is given, then delivers. */
    private static final class ScriptedChannel implements Channel {
        final Deque<DeliveryResult> answers = new ArrayDeque<>();
        volatile int sends;

        @Override
        public String name() {
            return "smtp";
        }

        @Override
        public synchronized DeliveryResult deliver(Batch batch) {
            sends++;
            return answers.isEmpty() ? DeliveryResult.delivered("250 OK") : answers.poll();
        }
    }

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
    private DeliveryLoop deliveryLoop;

    @AfterEach
    void stop() throws InterruptedException {
        if (deliveryLoop != null) {
            deliveryLoop.stop();
        }
    }

    @Test
    void dockerIsDownWithTheReasonWhenTheEngineDoesNotAnswerAndNeverALivenessCheck(@TempDir Path dir) {
        Properties properties = new Properties();
        properties.setProperty("docker.host", "unix://" + dir.resolve("no-engine.sock"));
        DockerHealthCheck check = new DockerHealthCheck(new DockerGateway(Settings.from(properties)));

        HealthCheck.Result result = check.call();

        assertEquals(HealthCheck.State.DOWN, result.getState());
        String message = result.getMessage().orElse("");
        assertTrue(message.contains("did not answer ping"), message);
        assertTrue(message.contains("no-engine.sock"), message);
        assertEquals("docker", check.getId());
        assertTrue(check.isReadiness());
        assertFalse(check.isLiveness());
    }

    @Test
    void deliveryIsDownOnceALaneFailedThreeTimesInARowAndUpAgainWhenItDelivers() throws Exception {
        ScriptedChannel smtp = new ScriptedChannel();
        smtp.answers.add(DeliveryResult.retry("Connection refused"));
        smtp.answers.add(DeliveryResult.retry("Connection refused"));
        smtp.answers.add(DeliveryResult.retry("Connection refused"));
        Outbox outbox = new Outbox(MemoryDatabase.create());
        deliveryLoop = new DeliveryLoop(outbox, List.of(smtp), clock, Duration.ZERO, Duration.ofHours(24));
        deliveryLoop.start();
        DeliveryHealthCheck check = new DeliveryHealthCheck(deliveryLoop);
        deliveryLoop.enqueue(new Alert(UUID.randomUUID().toString(), Severity.CRITICAL, "Test", "shop", "web-1", "id",
                "img", "healthy", "unhealthy", ZonedDateTime.of(2026, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC), "d", "", "",
                List.of("ops@example.com")), List.of(new Target("smtp", "ops@example.com")));
        assertEquals(HealthCheck.State.UP, check.call().getState());

        for (int send = 1; send <= 3; send++) {
            if (send > 1) {
                clock.advance(Duration.ofMinutes(1)); // past the backoff; the first send left as it was queued
            }
            int expected = send;
            // deliverDue as the timer calls it, again until the send is done: the lane is busy until its worker ends
            await().atMost(Duration.ofSeconds(5)).until(() -> deliverDue(deliveryLoop) && smtp.sends == expected
                    && deliveryLoop.failingLanes(1).stream().anyMatch(lane -> lane.failures() == expected));
            assertEquals(send < 3 ? HealthCheck.State.UP : HealthCheck.State.DOWN, check.call().getState(), "after " + send);
        }
        String message = check.call().getMessage().orElse("");
        assertTrue(message.startsWith("smtp to ops@example.com: 3 sends failed in a row"), message);
        assertTrue(message.contains("Connection refused"), message);

        clock.advance(Duration.ofMinutes(1));
        deliveryLoop.deliverDue();
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.pendingCount() == 0);
        assertEquals(HealthCheck.State.UP, check.call().getState());
    }

    @Test
    void aCopyStillPendingAfterThreeTriesKeepsDeliveryDownAfterARestartOfTheMonitor() throws Exception {
        ScriptedChannel smtp = new ScriptedChannel();
        for (int i = 0; i < 3; i++) {
            smtp.answers.add(DeliveryResult.retry("Connection refused"));
        }
        Outbox outbox = new Outbox(MemoryDatabase.create());
        DeliveryLoop before = new DeliveryLoop(outbox, List.of(smtp), clock, Duration.ZERO, Duration.ofHours(24));
        before.start();
        before.enqueue(new Alert(UUID.randomUUID().toString(), Severity.ERROR, "Test", null, "solo", "id", "img",
                "healthy", "not_found", ZonedDateTime.of(2026, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC), "d", "", "",
                List.of("ops@example.com")), List.of(new Target("smtp", "ops@example.com")));
        for (int send = 1; send <= 3; send++) {
            clock.advance(Duration.ofMinutes(1));
            int expected = send;
            await().atMost(Duration.ofSeconds(5)).until(() -> deliverDue(before) && before.failingLanes(1).stream()
                    .anyMatch(lane -> lane.failures() == expected));
        }
        before.stop();

        deliveryLoop = new DeliveryLoop(outbox, List.of(smtp), clock, Duration.ZERO, Duration.ofHours(24)); // a restart
        deliveryLoop.start();
        HealthCheck.Result result = new DeliveryHealthCheck(deliveryLoop).call();

        assertEquals(HealthCheck.State.DOWN, result.getState());
        assertEquals("smtp: 1 alert copies undelivered after up to 3 tries (Connection refused)",
                result.getMessage().orElse(""));
    }

    /** One turn of the delivery loop, as its timer makes every second; true so it can lead a condition. */
    private static boolean deliverDue(DeliveryLoop loop) throws SQLException {
        loop.deliverDue();
        return true;
    }
}
