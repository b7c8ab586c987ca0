package io.dhm.signal;

import com.github.dockerjava.api.model.Event;
import io.dhm.config.WatchSettings;
import io.dhm.engine.ContainerView;
import io.dhm.history.History;
import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Restart loops that a container's own restart policy hides: the engine restarts a crashing container
 * again and again, so it looks "up" at every glance. On each "start" event the container's RestartCount is read;
 * when it has grown by more than RESTART_LOOP_COUNT within RESTART_LOOP_WINDOW_SEC a CRITICAL alert goes out (and,
 * with RESTART_LOOP_HEAL, auto-heal is asked for a restart). Counts are per container id: a new container starts at 0.
 */
public class RestartLoopWatch {

    private static final Logger LOG = LoggerFactory.getLogger(RestartLoopWatch.class);

    private final WatchSettings settings;
    private final SignalContext context;
    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();

    private record Sample(Instant at, int restartCount) {
    }

    public RestartLoopWatch(WatchSettings settings, SignalContext context) {
        this.settings = settings;
        this.context = context;
    }

    /** For the restart-loops route: a "start" event (a "destroy" forgets the container); returns the alert when it completes a loop, else null. */
    public Alert onEvent(Event event, String engine) {
        if ("destroy".equals(event.getAction())) {
            samples.remove(event.getId());
            return null;
        }
        if (settings.restartLoopCount() == 0 || !"start".equals(event.getAction())) {
            return null;
        }
        Optional<Integer> count = context.docker().restartCount(event.getId());
        if (count.isEmpty()) {
            return null;
        }
        ContainerView container = ContainerView.fromEvent(event.getId(), event.getActor() == null ? null
                : event.getActor().getAttributes(), true).on(engine);
        return sample(container, count.get(), context.clock().instant()).map(growth -> loop(container, growth)).orElse(null);
    }

    /** Records one RestartCount; the growth within the window when it exceeds the limit (then counting starts over). */
    Optional<Integer> sample(ContainerView container, int restartCount, Instant at) {
        Deque<Sample> window = samples.computeIfAbsent(container.id(), id -> new ArrayDeque<>());
        synchronized (window) {
            if (!window.isEmpty() && restartCount < window.peekLast().restartCount()) {
                window.clear(); // the engine counts from 0 again after a `docker start` or `docker restart`
            }
            window.addLast(new Sample(at, restartCount));
            while (window.size() > 1 && !window.peekFirst().at().plus(settings.restartLoopWindow()).isAfter(at)) {
                window.removeFirst();
            }
            int growth = restartCount - window.peekFirst().restartCount();
            if (growth > settings.restartLoopCount()) {
                window.clear();
                window.addLast(new Sample(at, restartCount));
                return Optional.of(growth);
            }
            return Optional.empty();
        }
    }

    private Alert loop(ContainerView container, int growth) {
        String details = "Restart loop: the engine restarted the container " + growth + " times within "
                + settings.restartLoopWindow().toSeconds() + " s (RESTART_LOOP_COUNT=" + settings.restartLoopCount()
                + "). Its restart policy keeps it coming back, so it may look up while it keeps crashing."
                + (settings.restartLoopHeal() && context.healer().selects(container) ? " Auto-heal will restart it." : "");
        LOG.error("{} [{}] is in a restart loop: {} restarts within {} s", container.displayName(), container.projectLabel(),
                growth, settings.restartLoopWindow().toSeconds());
        context.history().record(History.Kind.SIGNAL, container, "restart loop: " + growth + " restarts", null);
        if (settings.restartLoopHeal()) {
            context.healer().request(container, "was in a restart loop (" + growth + " restarts)");
        }
        return context.alerts().action(Severity.CRITICAL, container, "running", "restart_loop", details,
                context.docker().logTail(container.id(), context.logLines()));
    }
}
