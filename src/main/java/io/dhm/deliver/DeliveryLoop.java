package io.dhm.deliver;

import io.dhm.dispatch.Target;
import io.dhm.alert.Alert;
import io.dhm.trace.TraceParent;
import io.opentelemetry.context.Scope;
import org.apache.camel.Service;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends what is due in the outbox. Each (channel, target) lane is sent on its own worker and at most once at a time,
 * so a hanging webhook or a dead mail server never delays the others. A failure worth retrying is tried again after
 * 5 s doubling to 10 min; an alert older than ALERT_MAX_AGE_HOURS, or a failure not worth retrying, is recorded as
 * dead with its reason.
 *
 * <p>It is not a Camel {@link Service} itself: a route's bean step stops the bean it calls when it is a Service, so a
 * route stopped through JMX or the Camel CLI, or reloaded, would stop delivery for every route. The CamelContext starts
 * and stops it through {@link #lifecycle()}.
 */
public class DeliveryLoop {

    /**
     * Told of what became of every copy an attempt carried (a grouped message carries several): the metrics listen
     * here.
     */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (channel, copy, outcome, at) -> { };

        void attempted(String channel, Outbox.Pending copy, DeliveryResult.Outcome outcome, Instant at);
    }

    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LAST_RETRY = Duration.ofMinutes(10);
    static final Duration RECHECK = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);

    private final Outbox outbox;
    private final Map<String, Channel> channels;
    private final Clock clock;
    private final Duration groupWait;
    private final Duration maxAge;
    private final Listener listener;
    private final LaneHealth lanes = new LaneHealth();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final QuietSpell quiet = new QuietSpell();
    private volatile ExecutorService workers;

    public DeliveryLoop(Outbox outbox, List<Channel> channels, Clock clock, Duration groupWait, Duration maxAge) {
        this(outbox, channels, clock, groupWait, maxAge, Listener.NONE);
    }

    public DeliveryLoop(Outbox outbox, List<Channel> channels, Clock clock, Duration groupWait, Duration maxAge,
                      Listener listener) {
        this.listener = listener;
        this.outbox = outbox;
        this.channels = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
        this.clock = clock;
        this.groupWait = groupWait;
        this.maxAge = maxAge;
    }

    /** Whether the alert of this id is in the outbox (queued, sent, silenced or given up); false for no id. */
    public boolean stored(String alertId) throws SQLException {
        return alertId != null && outbox.stored(alertId);
    }

    /**
     * Stores a routed alert, one copy per target, before anything is sent, and sends what is due at once. With traces
     * on, the alert keeps the trace it was raised in (the dispatch route's, current on this thread), which its delivery
     * joins whenever it happens.
     */
    public void enqueue(Alert alert, List<Target> targets) throws SQLException {
        if (!outbox.enqueue(alert, targets, clock.instant(), groupWait, TraceParent.current())) {
            LOG.info("Alert {} is queued already (its confirmation ran again); not queued twice", alert.id());
            return;
        }
        quiet.changed();
        // what is due already (no group wait) leaves now rather than at the deliver timer's next tick, which stays
        // the path of retries and of group windows
        deliverDue();
    }

    /** An alert a silence mutes: recorded with its targets, marked SILENCED, never sent. */
    public void silence(Alert alert, List<Target> targets, String why) throws SQLException {
        if (!outbox.silenced(alert, targets, clock.instant(), why)) {
            LOG.info("Alert {} is recorded already (its confirmation ran again); not recorded twice", alert.id());
        }
    }

    /** The loop's start and stop, for the CamelContext's list of services. */
    public Service lifecycle() {
        return new ServiceSupport() {
            @Override
            protected void doStart() throws SQLException {
                DeliveryLoop.this.start();
            }

            @Override
            protected void doStop() throws InterruptedException {
                DeliveryLoop.this.stop();
            }
        };
    }

    public synchronized void start() throws SQLException {
        if (workers != null) {
            return;
        }
        workers = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "alert-delivery");
            thread.setDaemon(true);
            return thread;
        });
        int pending = outbox.pendingCount();
        if (pending > 0) {
            LOG.info("{} alert deliveries are pending from before the restart; sending them", pending);
        }
    }

    public synchronized void stop() throws InterruptedException {
        ExecutorService stopping = workers;
        if (stopping == null) {
            return;
        }
        workers = null;
        stopping.shutdown();
        if (!stopping.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("Deliveries still in progress at shutdown stay in the outbox and are sent after the next start");
            stopping.shutdownNow();
        }
    }

    /** Whether no lane is being sent: every send started so far has its outcome recorded. */
    boolean idle() {
        return inFlight.isEmpty();
    }

    /** Called by the deliver route's timer: starts every due lane that is not already being sent. */
    public void deliverDue() throws SQLException {
        ExecutorService running = workers;
        Instant now = clock.instant();
        OptionalLong seen = quiet.look(now);
        if (running == null || seen.isEmpty()) {
            return;
        }
        for (Outbox.Lane lane : outbox.dueLanes(now)) {
            if (inFlight.add(lane.key())) {
                try {
                    running.execute(() -> {
                        try {
                            deliver(lane);
                        } catch (SQLException | RuntimeException e) {
                            LOG.error("Delivery via {} to {} failed unexpectedly; it stays in the outbox", lane.channel(), lane.target(), e);
                        } finally {
                            quiet.changed(); // sent, dead or due again later
                            inFlight.remove(lane.key());
                        }
                    });
                } catch (RejectedExecutionException stopping) {
                    inFlight.remove(lane.key()); // stopped meanwhile: the lane stays due for the next start
                    return;
                }
            }
        }
        Instant next = outbox.nextAttempt().filter(due -> due.isBefore(now.plus(RECHECK))).orElse(now.plus(RECHECK));
        quiet.until(next, seen.getAsLong());
    }

    private void deliver(Outbox.Lane lane) throws SQLException {
        List<Outbox.Pending> due = outbox.due(lane, clock.instant());
        if (due.isEmpty()) {
            return;
        }
        if (!groupWait.isZero()) {
            send(lane, due);
            return;
        }
        // no group wait: each copy is a message of its own, also copies due at the same moment or retried together
        // after the channel failed, which would otherwise share this lane's one send
        for (Outbox.Pending copy : due) {
            send(lane, List.of(copy));
        }
    }

    /** One message over the lane carrying {@code due}, and what became of each copy it carried. */
    private void send(Outbox.Lane lane, List<Outbox.Pending> due) throws SQLException {
        Channel channel = channels.get(lane.channel());
        List<Alert> alerts = due.stream().map(Outbox.Pending::alert).toList();
        DeliveryResult result;
        // the channel's route joins the trace of the alert (of the oldest, for a group)
        try (Scope trace = TraceParent.resume(due.get(0).trace())) {
            result = channel == null
                    ? DeliveryResult.failed("channel '" + lane.channel() + "' is not configured any more")
                    : channel.deliver(new Batch(lane.channel(), lane.target(), alerts));
        }
        Instant now = clock.instant();
        lanes.record(lane, result, now);
        switch (result.outcome()) {
            case DELIVERED -> {
                outbox.delivered(due, now);
                due.forEach(copy -> listener.attempted(lane.channel(), copy, DeliveryResult.Outcome.DELIVERED, now));
                LOG.info("Delivered {} via {} to {} ({})", describe(alerts), lane.channel(), shown(lane.target()), result.detail());
            }
            case FAILED -> {
                outbox.dead(due, result.detail(), now);
                due.forEach(copy -> listener.attempted(lane.channel(), copy, DeliveryResult.Outcome.FAILED, now));
                LOG.error("Gave up on {} via {} to {}: {}", describe(alerts), lane.channel(), shown(lane.target()), result.detail());
            }
            case RETRY -> retryOrExpire(lane, due, result.detail(), now);
        }
    }

    private void retryOrExpire(Outbox.Lane lane, List<Outbox.Pending> due, String reason, Instant now) throws SQLException {
        for (Outbox.Pending copy : due) {
            if (copy.createdAt().plus(maxAge).isBefore(now)) {
                outbox.dead(List.of(copy), "expired after " + maxAge.toHours() + " h; last error: " + reason, now);
                listener.attempted(lane.channel(), copy, DeliveryResult.Outcome.FAILED, now);
                LOG.error("Gave up on alert {} via {} to {}: undelivered for {} h ({})", copy.alert().id(), lane.channel(),
                        shown(lane.target()), maxAge.toHours(), reason);
            } else {
                Duration wait = backoff(copy.attempts() + 1);
                outbox.retryAt(copy, now.plus(wait), reason, now);
                listener.attempted(lane.channel(), copy, DeliveryResult.Outcome.RETRY, now);
                LOG.warn("Could not deliver alert {} via {} to {} (try {}): {}; next try in {} s", copy.alert().id(),
                        lane.channel(), shown(lane.target()), copy.attempts() + 1, reason, wait.toSeconds());
            }
        }
    }

    /** The lanes whose last {@code threshold} sends all failed (retried or given up), as the "delivery" check reads them. */
    public List<LaneHealth.Failing> failingLanes(int threshold) {
        return lanes.failing(threshold);
    }

    /** Copies still waiting after {@code attempts} or more tries, by channel: they outlive a restart of the monitor. */
    public List<Outbox.Stuck> stuck(int attempts) throws SQLException {
        return outbox.stuck(attempts);
    }

    public int pendingCount() throws SQLException {
        return outbox.pendingCount();
    }

    /** 5 s, 10 s, 20 s ... capped at 10 min. */
    static Duration backoff(int attempt) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait;
    }

    private static String describe(List<Alert> alerts) {
        return alerts.size() == 1 ? "alert " + alerts.get(0).id() : alerts.size() + " alerts as one message";
    }

    /** Webhook URLs may carry tokens in their path or query: only scheme and host are logged. */
    public static String shown(String target) {
        if (target.isBlank()) {
            return "(no recipients configured)";
        }
        return target.replaceAll("^(https?://[^/?#]+).*$", "$1/...");
    }
}
