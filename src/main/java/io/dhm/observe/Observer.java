package io.dhm.observe;

import io.dhm.engine.ContainerView;
import io.dhm.engine.Engine;
import io.dhm.engine.EngineEvent;
import io.dhm.engine.EngineUnavailableException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns what the engines say into transitions: a full poll (one list call for every container of one engine) or one
 * event (one inspect of the container it names, since an event is already a change). Each engine (one, or those of
 * DOCKER_HOSTS) is polled on its own, so one that is slow or down holds up nobody else's.
 */
public class Observer {

    private static final Logger LOG = LoggerFactory.getLogger(Observer.class);
    static final Duration LIST_FLOOR_WITH_EVENTS = Duration.ofMinutes(1);

    private final Engine docker;
    private final ContainerTracker tracker;
    private final Lifecycle lifecycle;
    private final HealthOverlay checks;
    private final Clock clock;
    private final AtomicBoolean firstPoll = new AtomicBoolean(true);
    private final Predicate<String> eventsConnected;
    private final Map<String, Watched> engines = new LinkedHashMap<>();

    /** The running containers as one list call gave them, and when it was made. */
    private record Listing(Instant at, List<ContainerView> running) {
    }

    /** One engine as the poll sees it. */
    private static final class Watched {
        final Engine engine;
        final ReentrantLock polling = new ReentrantLock();
        final AtomicReference<CompletableFuture<Listing>> early = new AtomicReference<>();
        volatile Instant lastList = Instant.MIN;

        Watched(Engine engine) {
            this.engine = engine;
        }
    }

    /** @param eventsConnected whether the named engine's event stream is open now */
    public Observer(Engine docker, ContainerTracker tracker, Lifecycle lifecycle, HealthOverlay checks, Clock clock,
                    Predicate<String> eventsConnected) {
        this.docker = docker;
        this.tracker = tracker;
        this.lifecycle = lifecycle;
        this.checks = checks;
        this.clock = clock;
        this.eventsConnected = eventsConnected;
        docker.members().forEach(engine -> engines.put(engine.name(), new Watched(engine)));
    }

    /** The names of the engines, each polled on its own. */
    public List<String> engines() {
        return List.copyOf(engines.keySet());
    }

    /**
     * The poll timer's full poll of one engine, every HEALTH_CHECK_INTERVAL_SEC, but at most once a minute while its
     * event stream is open: the stream reports every change at once, and the list of a thousand containers is the
     * largest piece of work of the engine and of the monitor. Without the stream (an engine or proxy that refuses it)
     * every interval.
     */
    public List<Transition> pollDue(String engine) {
        Watched watched = watched(engine);
        if (eventsConnected.test(engine) && clock.instant().isBefore(watched.lastList.plus(LIST_FLOOR_WITH_EVENTS))) {
            pingQuietly(watched); // an open stream says nothing of an engine that hangs: a ping does, every interval
            return List.of();
        }
        return poll(engine);
    }

    private void pingQuietly(Watched watched) {
        if (watched.polling.tryLock()) {
            try {
                watched.engine.ping();
            } catch (EngineUnavailableException e) {
                LOG.debug("Engine {} did not answer a ping: {}", watched.engine.name(), e.getMessage());
            } finally {
                watched.polling.unlock();
            }
        }
    }

    /**
     * Starts the first full list of each engine while Camel is still starting: at a thousand containers the engine's
     * answer and its parsing take about a second, which then overlaps with Camel's start instead of following it. The
     * first poll takes its result; should it fail (no engine yet), the first poll lists again and fails or succeeds as
     * usual.
     */
    public void listEarly() {
        Instant listedAt = clock.instant();
        for (Watched watched : engines.values()) {
            watched.early.set(CompletableFuture.supplyAsync(() -> new Listing(listedAt, watched.engine.listRunning()),
                    runnable -> {
                        Thread thread = new Thread(runnable, "first-list");
                        thread.setDaemon(true);
                        thread.start();
                    }));
        }
    }

    /**
     * The next timer tick lists every container whatever the event stream: what the monitor watches changed (a
     * container selected again, a custom check added), and no event will tell it of a state the engine already had.
     */
    public void relist() {
        engines.values().forEach(watched -> watched.lastList = Instant.MIN);
    }

    /**
     * A full poll of one engine now: at start, and when its event stream (re)connects, since events while it was away
     * are lost. A poll of an engine still answering the previous one (a slow engine) is skipped.
     */
    public List<Transition> poll(String engine) {
        Watched watched = watched(engine);
        if (!watched.polling.tryLock()) {
            LOG.debug("Poll of engine {} skipped: the previous one is still waiting for it", engine);
            return List.of();
        }
        try {
            Listing listing = earlyListing(watched).orElseGet(() -> new Listing(clock.instant(), watched.engine.listRunning()));
            Instant listedAt = listing.at();
            watched.lastList = listedAt;
            List<ContainerView> running = listing.running().stream().map(checks::apply).toList();
            Set<String> listedIds = running.stream().map(ContainerView::id).collect(Collectors.toSet());
            checks.retain(engine, listedIds);
            List<Transition> transitions = tracker.reconcile(engine, running, listedAt,
                    endedSince(watched.engine, tracker.missing(engine, listedIds)));
            if (firstPoll.compareAndSet(true, false)) {
                LOG.info("Watching {} running containers{}", tracker.monitoredCount(), tracker.scope().describe());
            }
            return transitions;
        } finally {
            watched.polling.unlock();
        }
    }

    /**
     * What became of containers the list no longer shows (their events were missed: the stream was away), by id: one
     * inspect each, read by the lifecycle; a container the engine no longer has is left out (gone).
     */
    private Map<String, String> endedSince(Engine engine, List<ContainerView> missing) {
        Map<String, String> ended = new HashMap<>();
        for (ContainerView container : missing) {
            engine.snapshot(container.id()).ifPresent(now ->
                    ended.put(container.id(), lifecycle.inspected(checks.apply(now.view()), now.state())));
        }
        return ended;
    }

    private Watched watched(String engine) {
        Watched watched = engines.get(engine == null ? ContainerView.SINGLE_ENGINE : engine);
        if (watched == null) {
            throw new IllegalArgumentException("no engine named " + engine);
        }
        return watched;
    }

    private static Optional<Listing> earlyListing(Watched watched) {
        CompletableFuture<Listing> started = watched.early.getAndSet(null);
        if (started == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(started.join());
        } catch (CompletionException | CancellationException failed) {
            return Optional.empty();
        }
    }

    /**
     * One event of the engine named {@code engine} (null: the single engine): the lifecycle records it, and any event
     * but a request (kill, stop) or an OOM kill, which change nothing yet, costs one inspect of its container, whose
     * status the lifecycle decides.
     */
    public List<Transition> onEvent(EngineEvent event, String engine) {
        String id = event.id();
        String action = event.action();
        Map<String, String> attributes = event.attributes();
        // the event's own time (the engine's) orders events however late they arrive
        lifecycle.record(new Lifecycle.Event(action, id, event.time() == null ? clock.instant() : event.time(), exitCode(attributes), attributes.get("signal")),
                ContainerView.fromEvent(id, attributes, false).on(engine));
        if ("kill".equals(action) || "oom".equals(action) || "stop".equals(action)) {
            return List.of(); // a signal sent or a process killed, nothing changed yet: the die that follows says what happened
        }
        if ("destroy".equals(action)) {
            return gone(id);
        }
        return watched(engine).engine.snapshot(id)
                .map(now -> {
                    ContainerView view = checks.apply(now.view());
                    return tracker.observe(view, lifecycle.inspected(view, now.state()), clock.instant());
                })
                .map(transition -> transition.stream().toList())
                .orElseGet(() -> gone(id));
    }

    private List<Transition> gone(String id) {
        String status = lifecycle.lastExit(id).map(Lifecycle.Exit::status).orElse(Transition.NOT_FOUND);
        return tracker.vanished(id, status, clock.instant()).stream().toList();
    }

    private static Integer exitCode(Map<String, String> attributes) {
        try {
            return attributes.containsKey("exitCode") ? Integer.valueOf(attributes.get("exitCode")) : null;
        } catch (NumberFormatException e) {
            return null; // the attribute is the engine's, but a proxy may pass anything: the inspect has the code too
        }
    }

    /** A custom check changed a container's health: observed like an engine event. */
    public List<Transition> checked(ContainerView container) {
        return tracker.observe(container, clock.instant()).stream().toList();
    }

    public int monitoredCount() {
        return tracker.monitoredCount();
    }
}
