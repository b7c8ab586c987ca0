package io.dhm.observe;

import com.github.dockerjava.api.model.Event;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Turns what the engine says into transitions: a full poll (one list call for every container) or one event (one
 * inspect of the container it names, since an event is already a change).
 */
public class Observer {

    private static final Logger LOG = LoggerFactory.getLogger(Observer.class);
    static final Duration LIST_FLOOR_WITH_EVENTS = Duration.ofMinutes(1);

    private final Engine docker;
    private final ContainerTracker tracker;
    private final HealthOverlay checks;
    private final Clock clock;
    private final AtomicBoolean firstPoll = new AtomicBoolean(true);
    private final BooleanSupplier eventsConnected;
    private volatile Instant lastList = Instant.MIN;
    private final AtomicReference<CompletableFuture<Listing>> early = new AtomicReference<>();

    /** The running containers as one list call gave them, and when it was made. */
    private record Listing(Instant at, List<ContainerView> running) {
    }

    /** @param eventsConnected whether the engine's event stream is open now */
    public Observer(Engine docker, ContainerTracker tracker, HealthOverlay checks, Clock clock,
                    BooleanSupplier eventsConnected) {
        this.docker = docker;
        this.tracker = tracker;
        this.checks = checks;
        this.clock = clock;
        this.eventsConnected = eventsConnected;
    }

    /**
     * The poll timer's full poll, every HEALTH_CHECK_INTERVAL_SEC, but at most once a minute while the event stream is
     * open: the stream reports every change at once, and the list of a thousand containers is the largest piece of
     * work of the engine and of the monitor. Without the stream (an engine or proxy that refuses it) every interval.
     */
    public List<Transition> pollDue() {
        if (eventsConnected.getAsBoolean() && clock.instant().isBefore(lastList.plus(LIST_FLOOR_WITH_EVENTS))) {
            return List.of();
        }
        return poll();
    }

    /**
     * Starts the first full list while Camel is still starting: at a thousand containers the engine's answer and its
     * parsing take about a second, which then overlaps with Camel's start instead of following it. The first poll
     * takes its result; should it fail (no engine yet), the first poll lists again and fails or succeeds as usual.
     */
    public void listEarly() {
        Instant listedAt = clock.instant();
        early.set(CompletableFuture.supplyAsync(() -> new Listing(listedAt, docker.listRunning()), runnable -> {
            Thread thread = new Thread(runnable, "first-list");
            thread.setDaemon(true);
            thread.start();
        }));
    }

    /**
     * The next timer tick lists every container whatever the event stream: what the monitor watches changed (a
     * container selected again, a custom check added), and no event will tell it of a state the engine already had.
     */
    public void relist() {
        lastList = Instant.MIN;
    }

    /** A full poll now: at start, and when the event stream (re)connects, since events while it was away are lost. */
    public List<Transition> poll() {
        Listing listing = earlyListing().orElseGet(() -> new Listing(clock.instant(), docker.listRunning()));
        Instant listedAt = listing.at();
        lastList = listedAt;
        List<ContainerView> running = listing.running().stream().map(checks::apply).toList();
        checks.retain(running.stream().map(ContainerView::id).collect(Collectors.toSet()));
        List<Transition> transitions = tracker.reconcile(running, listedAt);
        if (firstPoll.compareAndSet(true, false)) {
            LOG.info("Watching {} running containers with a healthcheck", tracker.monitoredCount());
        }
        return transitions;
    }

    private Optional<Listing> earlyListing() {
        CompletableFuture<Listing> started = early.getAndSet(null);
        if (started == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(started.join());
        } catch (CompletionException | CancellationException failed) {
            return Optional.empty();
        }
    }

    public List<Transition> onEvent(Event event) {
        String id = event.getId();
        if ("kill".equals(event.getAction()) || "oom".equals(event.getAction())) {
            return List.of(); // a signal sent or a process killed, nothing changed yet: the die that follows says what happened
        }
        if ("destroy".equals(event.getAction())) {
            return tracker.vanished(id, clock.instant()).stream().toList();
        }
        return docker.inspect(id)
                .map(checks::apply)
                .map(view -> tracker.observe(view, clock.instant()))
                .orElseGet(() -> tracker.vanished(id, clock.instant()))
                .stream().toList();
    }

    /** A custom check changed a container's health: observed like an engine event. */
    public List<Transition> checked(ContainerView container) {
        return tracker.observe(container, clock.instant()).stream().toList();
    }

    public int monitoredCount() {
        return tracker.monitoredCount();
    }
}
