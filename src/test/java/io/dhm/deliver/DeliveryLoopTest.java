package io.dhm.deliver;

import io.dhm.dispatch.Target;
import io.dhm.ManualClock;
import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import io.dhm.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox (a real, in-memory H2 database) and the delivery loop, with channels that answer as told. */
class DeliveryLoopTest {

    /** A channel that records each batch and answers with the next scripted result (delivered when none is left). */
    private static final class ScriptedChannel implements Channel {
        final String name;
        final List<Batch> batches = new ArrayList<>();
        final Deque<DeliveryResult> answers = new ArrayDeque<>();

        ScriptedChannel(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public synchronized DeliveryResult deliver(Batch batch) {
            batches.add(batch);
            return answers.isEmpty() ? DeliveryResult.delivered("ok") : answers.poll();
        }

        synchronized int sends() {
            return batches.size();
        }
    }
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final ScriptedChannel smtp = new ScriptedChannel("smtp");
    private final ScriptedChannel webhook = new ScriptedChannel("webhook");
    private Outbox outbox;
    private DeliveryLoop deliveryLoop;

    @BeforeEach
    void open() throws Exception {
        outbox = new Outbox(new Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", Optional.empty(),
                Optional.empty()));
        outbox.open();
        deliveryLoop = dispatcherOver(outbox);
    }

    private DeliveryLoop dispatcherOver(Outbox box) throws SQLException {
        DeliveryLoop created = new DeliveryLoop(box, List.of(smtp, webhook), clock, Duration.ofSeconds(30), Duration.ofHours(24));
        created.start();
        return created;
    }

    @AfterEach
    void stop() throws InterruptedException {
        deliveryLoop.stop();
    }

    private static Alert alert(String container) {
        return new Alert(UUID.randomUUID().toString(), Severity.CRITICAL, "Test", "shop", container, "id-" + container,
                "img", "healthy", "unhealthy", ZonedDateTime.of(2026, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC), "details", "",
                "", List.of("ops@example.com"));
    }

    /** One turn of the loop, and the end of every send it started (lanes run on the loop's workers). */
    private void tick() throws Exception {
        deliveryLoop.deliverDue();
        await().atMost(Duration.ofSeconds(10)).until(deliveryLoop::idle);
    }

    @Test
    void alertsForOneTargetWithinTheGroupWindowLeaveAsOneMessage() throws Exception {
        Target ops = new Target("smtp", "ops@example.com");
        deliveryLoop.enqueue(alert("web-1"), List.of(ops));
        clock.advance(Duration.ofSeconds(10));
        deliveryLoop.enqueue(alert("web-2"), List.of(ops));
        tick();
        assertEquals(0, smtp.sends(), "nothing before the window of the first alert closes");

        clock.advance(Duration.ofSeconds(21));
        tick();

        assertEquals(1, smtp.sends());
        assertEquals(List.of("web-1", "web-2"), smtp.batches.get(0).alerts().stream().map(Alert::container).toList());
        assertEquals(0, outbox.pendingCount());
    }

    @Test
    void aFailureWorthRetryingIsRetriedWithBackoffAndDeliveredOnce() throws Exception {
        smtp.answers.add(DeliveryResult.retry("connection refused"));
        smtp.answers.add(DeliveryResult.retry("connection refused"));
        deliveryLoop.enqueue(alert("web-1"), List.of(new Target("smtp", "ops@example.com")));
        clock.advance(Duration.ofSeconds(30));
        tick();
        assertEquals(1, smtp.sends());

        clock.advance(Duration.ofSeconds(4));
        tick();
        assertEquals(1, smtp.sends(), "the first retry waits 5 s");
        clock.advance(Duration.ofSeconds(1));
        tick();
        assertEquals(2, smtp.sends());
        clock.advance(Duration.ofSeconds(10));
        tick();
        assertEquals(3, smtp.sends(), "then 10 s");
        clock.advance(Duration.ofSeconds(600));
        tick();
        assertEquals(3, smtp.sends(), "delivered: never again");
        assertEquals(0, outbox.pendingCount());
    }

    @Test
    void ticksAskTheOutboxNothingBeforeTheNextAttemptIsDueOrTheOutboxChanges() throws Exception {
        AtomicInteger queries = new AtomicInteger();
        Outbox counted = new Outbox(new Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                Optional.empty(), Optional.empty())) {
            @Override
            public List<Lane> dueLanes(Instant now) throws SQLException {
                queries.incrementAndGet();
                return super.dueLanes(now);
            }
        };
        counted.open();
        deliveryLoop.stop();
        deliveryLoop = dispatcherOver(counted);
        tick();
        assertEquals(1, queries.get());
        for (int second = 1; second < DeliveryLoop.RECHECK.toSeconds(); second++) {
            clock.advance(Duration.ofSeconds(1));
            tick();
        }
        assertEquals(1, queries.get(), "an empty outbox is asked again only after " + DeliveryLoop.RECHECK);

        deliveryLoop.enqueue(alert("web-1"), List.of(new Target("smtp", "ops@example.com")));
        assertEquals(2, queries.get(), "a new alert: asked at once");
        clock.advance(Duration.ofSeconds(29));
        tick();
        assertEquals(2, queries.get(), "its group window is still open");
        clock.advance(Duration.ofSeconds(1));
        tick();
        assertEquals(3, queries.get());
        assertEquals(1, smtp.sends(), "sent when its window closed");
    }

    @Test
    void aFailedChannelDoesNotHoldBackAnother() throws Exception {
        smtp.answers.add(DeliveryResult.failed("every recipient was rejected"));
        deliveryLoop.enqueue(alert("web-1"), List.of(new Target("smtp", "nobody@example.com"),
                new Target("webhook", "http://127.0.0.1:1/hook")));
        clock.advance(Duration.ofSeconds(30));
        tick();
        assertEquals(1, smtp.sends());
        assertEquals(1, webhook.sends());
        clock.advance(Duration.ofSeconds(3600));
        tick();
        assertEquals(1, smtp.sends(), "a failure not worth retrying is dead");
        assertEquals(0, outbox.pendingCount());
    }

    @Test
    void anAlertOlderThanTheMaximumAgeIsGivenUp() throws Exception {
        for (int i = 0; i < 40; i++) {
            smtp.answers.add(DeliveryResult.retry("down"));
        }
        deliveryLoop.enqueue(alert("web-1"), List.of(new Target("smtp", "ops@example.com")));
        for (int hour = 0; hour < 26; hour++) {
            clock.advance(Duration.ofHours(1));
            tick();
        }
        assertEquals(0, outbox.pendingCount());
        int sends = smtp.sends();
        clock.advance(Duration.ofHours(1));
        tick();
        assertEquals(sends, smtp.sends());
    }

    @Test
    void whatWasPendingIsSentByTheNextDeliveryLoopOverTheSameStore() throws Exception {
        deliveryLoop.enqueue(alert("web-1"), List.of(new Target("smtp", "ops@example.com")));
        deliveryLoop.stop(); // the monitor stops (or dies) before the window closes

        deliveryLoop = dispatcherOver(outbox);
        clock.advance(Duration.ofSeconds(30));
        tick();
        await().atMost(Duration.ofSeconds(5)).until(() -> smtp.sends() == 1);
        assertEquals(0, outbox.pendingCount());
    }

    @Test
    void backoffDoublesFromFiveSecondsToTenMinutes() {
        assertEquals(Duration.ofSeconds(5), DeliveryLoop.backoff(1));
        assertEquals(Duration.ofSeconds(10), DeliveryLoop.backoff(2));
        assertEquals(Duration.ofSeconds(320), DeliveryLoop.backoff(7));
        assertEquals(Duration.ofMinutes(10), DeliveryLoop.backoff(8));
        assertEquals(Duration.ofMinutes(10), DeliveryLoop.backoff(40));
        assertTrue(DeliveryLoop.backoff(3).compareTo(DeliveryLoop.backoff(2)) > 0);
    }
}
