package io.dhm.deliver;

import io.dhm.dispatch.Target;
import io.dhm.ManualClock;
import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import io.dhm.store.Database;
import io.dhm.store.MemoryDatabase;
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
import java.util.concurrent.CopyOnWriteArrayList;
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
    private Database database;
    private Outbox outbox;
    private DeliveryLoop deliveryLoop;

    @BeforeEach
    void open() throws Exception {
        database = MemoryDatabase.create();
        outbox = new Outbox(database);
        deliveryLoop = dispatcherOver(outbox);
    }

    private DeliveryLoop dispatcherOver(Outbox box) throws SQLException {
        DeliveryLoop created = new DeliveryLoop(box, List.of(smtp, webhook), clock, Duration.ofSeconds(30), Duration.ofHours(24));
        created.start();
        return created;
    }

    /**
     * Replaces the test's loop by one over the same outbox with this group wait, telling {@code outcomes} what became
     * of each copy ("web-1 RETRY"). Not started yet: what is enqueued before {@link DeliveryLoop#start()} waits.
     */
    private void replaceLoop(Duration groupWait, List<String> outcomes) throws InterruptedException {
        deliveryLoop.stop();
        deliveryLoop = new DeliveryLoop(outbox, List.of(smtp, webhook), clock, groupWait, Duration.ofHours(24),
                (channel, copy, outcome, at) -> outcomes.add(copy.alert().container() + " " + outcome));
    }

    @AfterEach
    void stop() throws InterruptedException {
        deliveryLoop.stop();
    }

    /** The containers of the alerts each message carried, message by message. */
    private static List<List<String>> containers(List<Batch> batches) {
        return batches.stream().map(batch -> batch.alerts().stream().map(Alert::container).toList()).toList();
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
    void withoutAGroupWaitAlertsForOneTargetDueAtTheSameMomentLeaveOneAMessage() throws Exception {
        List<String> outcomes = new CopyOnWriteArrayList<>();
        replaceLoop(Duration.ZERO, outcomes);
        Target ops = new Target("smtp", "ops@example.com");
        // enqueued at the same instant while the loop is not started: both copies are due together in one lane
        deliveryLoop.enqueue(alert("web-1"), List.of(ops));
        deliveryLoop.enqueue(alert("web-2"), List.of(ops));
        assertEquals(0, smtp.sends());

        deliveryLoop.start();
        tick();

        assertEquals(List.of(List.of("web-1"), List.of("web-2")), containers(smtp.batches));
        assertEquals(List.of("web-1 DELIVERED", "web-2 DELIVERED"), outcomes);
        assertEquals(0, outbox.pendingCount());
    }

    @Test
    void withoutAGroupWaitCopiesRetriedTogetherAfterAFailureLeaveOneAMessage() throws Exception {
        for (int i = 0; i < 3; i++) {
            smtp.answers.add(DeliveryResult.retry("connection refused"));
        }
        List<String> outcomes = new CopyOnWriteArrayList<>();
        replaceLoop(Duration.ZERO, outcomes);
        deliveryLoop.start();
        Target ops = new Target("smtp", "ops@example.com");
        deliveryLoop.enqueue(alert("web-1"), List.of(ops)); // sent at once: fails, again in 5 s
        tick();
        clock.advance(Duration.ofSeconds(5));
        tick(); // fails again: again in 10 s, at 15 s
        clock.advance(Duration.ofSeconds(5));
        deliveryLoop.enqueue(alert("web-2"), List.of(ops)); // sent at once: fails, again in 5 s, at 15 s as well
        tick();
        assertEquals(List.of(List.of("web-1"), List.of("web-1"), List.of("web-2")), containers(smtp.batches));

        clock.advance(Duration.ofSeconds(5));
        tick(); // both due again at the same moment

        assertEquals(List.of(List.of("web-1"), List.of("web-2")), containers(smtp.batches.subList(3, smtp.sends())));
        assertEquals(List.of("web-1 RETRY", "web-1 RETRY", "web-2 RETRY", "web-1 DELIVERED", "web-2 DELIVERED"), outcomes);
        assertEquals(List.of("web-2 SENT 2", "web-1 SENT 3"), new AlertRecords(database).recent(10, null, null).stream()
                .map(record -> record.alert().container() + " " + record.deliveries().get(0).status() + " "
                        + record.deliveries().get(0).attempts())
                .toList());
        assertEquals(0, outbox.pendingCount());
    }

    @Test
    void withAGroupWaitCopiesDueTogetherShareOneMessageAlsoWhenRetried() throws Exception {
        smtp.answers.add(DeliveryResult.retry("connection refused"));
        Target ops = new Target("smtp", "ops@example.com");
        deliveryLoop.enqueue(alert("web-1"), List.of(ops));
        deliveryLoop.enqueue(alert("web-2"), List.of(ops));
        clock.advance(Duration.ofSeconds(30));
        tick(); // the group fails: again in 5 s
        clock.advance(Duration.ofSeconds(5));
        tick();

        assertEquals(List.of(List.of("web-1", "web-2"), List.of("web-1", "web-2")), containers(smtp.batches));
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
        Outbox counted = new Outbox(MemoryDatabase.create()) {
            @Override
            public List<Lane> dueLanes(Instant now) throws SQLException {
                queries.incrementAndGet();
                return super.dueLanes(now);
            }
        };
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
