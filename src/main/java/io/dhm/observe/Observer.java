package io.dhm.observe;

import com.github.dockerjava.api.model.Event;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Turns what the engine says into transitions: a full poll (one list call for every container) or one event (one
 * inspect of the container it names, since an event is already a change).
 */
public class Observer {

    private static final Logger LOG = LoggerFactory.getLogger(Observer.class);

    private final Engine docker;
    private final ContainerTracker tracker;
    private final HealthOverlay checks;
    private final Clock clock;
    private final AtomicBoolean firstPoll = new AtomicBoolean(true);

    public Observer(Engine docker, ContainerTracker tracker, HealthOverlay checks, Clock clock) {
        this.docker = docker;
        this.tracker = tracker;
        this.checks = checks;
        this.clock = clock;
    }

    public List<Transition> poll() {
        Instant listedAt = clock.instant();
        List<ContainerView> running = docker.listRunning().stream().map(checks::apply).toList();
        checks.retain(running.stream().map(ContainerView::id).collect(Collectors.toSet()));
        List<Transition> transitions = tracker.reconcile(running, listedAt);
        if (firstPoll.compareAndSet(true, false)) {
            LOG.info("Watching {} running containers with a healthcheck", tracker.monitoredCount());
        }
        return transitions;
    }

    public List<Transition> onEvent(Event event) {
        String id = event.getId();
        if ("kill".equals(event.getAction())) {
            return List.of(); // a signal sent, nothing changed yet: the die or stop that follows says what happened
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
