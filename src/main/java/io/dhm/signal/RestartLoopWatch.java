package io.dhm.signal;

import io.dhm.engine.EngineEvent;
import io.dhm.alert.Alert;
import io.dhm.config.WatchSettings;
import io.dhm.engine.ContainerView;
import io.dhm.history.History;
import io.dhm.alert.Cause;
import io.dhm.observe.Lifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Crash-restarts that a container's own restart policy hides: the engine restarts a crashing container again and
 * again, so it looks "up" at every glance. On each start the lifecycle has just read the container's RestartCount;
 * when it has grown by more than RESTART_LOOP_COUNT within RESTART_LOOP_WINDOW_SEC, or when the run that ended was
 * killed for memory, one alert goes out for the episode (and, with RESTART_LOOP_HEAL, auto-heal is asked for a
 * restart). The episode lasts until the engine has not restarted the container for the whole window: then one INFO
 * says it settled. Counts are per container id: a new container starts at 0.
 */
public class RestartLoopWatch {

    private static final Logger LOG = LoggerFactory.getLogger(RestartLoopWatch.class);

    private final WatchSettings settings;
    private final SignalContext context;
    private final Lifecycle lifecycle;
    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();
    private final Map<String, Episode> episodes = new ConcurrentHashMap<>();

    private record Sample(Instant at, int restartCount) {
    }

    /** An alerted episode: since when, the last restart in it, and the count when it was alerted. */
    private record Episode(ContainerView container, Instant alertedAt, Instant lastRestart, int firstCount, int lastCount) {
    }

    public RestartLoopWatch(WatchSettings settings, SignalContext context, Lifecycle lifecycle) {
        this.settings = settings;
        this.context = context;
        this.lifecycle = lifecycle;
    }

    /**
     * For the restart-loops route, after the observer has handled the event: a "start" (a "destroy" forgets the
     * container); returns the episode's alert when this start begins one, else null.
     */
    public Alert onEvent(EngineEvent event, String engine) {
        if ("destroy".equals(event.action())) {
            samples.remove(event.id());
            episodes.remove(event.id());
            return null;
        }
        if (settings.restartLoopCount() == 0 || !"start".equals(event.action())) {
            return null;
        }
        Optional<Integer> count = lifecycle.restartCount(event.id());
        if (count.isEmpty()) {
            return null;
        }
        ContainerView container = ContainerView.fromEvent(event.id(), event.attributes(), true).on(engine);
        Optional<Lifecycle.Exit> before = lifecycle.previousRun(event.id());
        // brought back by the policy (a count above 0: `docker start` sets it back to 0) after a kill for memory
        boolean oomRestart = count.get() > 0 && before.map(exit -> exit.oom() && !exit.byOperator()).orElse(false);
        Instant now = context.clock().instant();
        return sample(container, count.get(), now)
                .or(() -> oomRestart ? episode(container, count.get(), now).map(started -> 1) : Optional.empty())
                .map(growth -> loop(container, growth, before.orElse(null)))
                .orElse(null);
    }

    /**
     * Records one RestartCount; the growth within the window when it exceeds the limit and no episode of the
     * container has been alerted yet (one alert per episode).
     */
    Optional<Integer> sample(ContainerView container, int restartCount, Instant at) {
        Deque<Sample> window = samples.computeIfAbsent(container.id(), id -> new ArrayDeque<>());
        synchronized (window) {
            if (!window.isEmpty() && restartCount < window.peekLast().restartCount()) {
                window.clear(); // the engine counts from 0 again after a `docker start` or `docker restart`
            }
            boolean restarted = !window.isEmpty() && restartCount > window.peekLast().restartCount();
            window.addLast(new Sample(at, restartCount));
            while (window.size() > 1 && !window.peekFirst().at().plus(settings.restartLoopWindow()).isAfter(at)) {
                window.removeFirst();
            }
            Episode open = episodes.get(container.id());
            if (open != null) {
                if (restarted) {
                    episodes.put(container.id(), new Episode(open.container(), open.alertedAt(), at, open.firstCount(),
                            restartCount));
                }
                return Optional.empty();
            }
            int growth = restartCount - window.peekFirst().restartCount();
            if (growth > settings.restartLoopCount()) {
                return episode(container, restartCount - growth, at).map(started -> growth);
            }
            return Optional.empty();
        }
    }

    private Optional<Episode> episode(ContainerView container, int firstCount, Instant at) {
        Episode started = new Episode(container, at, at, firstCount, firstCount);
        return episodes.putIfAbsent(container.id(), started) == null ? Optional.of(started) : Optional.empty();
    }

    /**
     * For the restart-loops-settled timer: the episodes whose container has not been restarted for the whole window,
     * each announced once as settled (INFO) and forgotten.
     */
    public List<Alert> settledDue() {
        Instant now = context.clock().instant();
        List<Alert> settled = new ArrayList<>();
        for (Episode episode : List.copyOf(episodes.values())) {
            if (!episode.lastRestart().plus(settings.restartLoopWindow()).isAfter(now)
                    && episodes.remove(episode.container().id(), episode)) {
                int restarts = Math.max(1, episode.lastCount() - episode.firstCount());
                LOG.info("{} [{}] has settled: no restart by its restart policy for {} s", episode.container().displayName(),
                        episode.container().projectLabel(), settings.restartLoopWindow().toSeconds());
                context.history().record(History.Kind.SIGNAL, episode.container(), "crash-restarts settled", null);
                settled.add(context.alerts().restartsSettled(episode.container(), settings.restartLoopWindow(), restarts));
            }
        }
        return settled;
    }

    private Alert loop(ContainerView container, int growth, Lifecycle.Exit last) {
        String lastExit = last == null ? "" : last.oom() ? " The last run was killed for memory (OOMKilled"
                + (last.memoryLimit() > 0 ? ", limit " + Cause.mebibytes(last.memoryLimit()) : "") + ")."
                : " The last run exited with code " + last.exitCode() + ".";
        String details = "The engine's restart policy" + (last == null || last.restartPolicy().isEmpty() ? ""
                : " (" + last.restartPolicy() + ")") + " restarted the container " + growth + (growth == 1 ? " time" : " times")
                + " within " + settings.restartLoopWindow().toSeconds() + " s (RESTART_LOOP_COUNT=" + settings.restartLoopCount()
                + ")." + lastExit + " It keeps coming back, so it may look up while it keeps crashing. This is one alert"
                + " for the episode; a notice follows when it has not been restarted for "
                + settings.restartLoopWindow().toSeconds() + " s."
                + (settings.restartLoopHeal() && context.healer().selects(container) ? " Auto-heal will restart it." : "");
        LOG.error("{} [{}] keeps crashing under its restart policy: {} restarts within {} s", container.displayName(),
                container.projectLabel(), growth, settings.restartLoopWindow().toSeconds());
        context.history().record(History.Kind.SIGNAL, container, "crash-restarts: " + growth + " restarts", null);
        if (settings.restartLoopHeal()) {
            context.healer().request(container, "was in a restart loop (" + growth + " restarts)");
        }
        return context.alerts().crashRestarts(container, growth, settings.restartLoopWindow(), last, details,
                context.docker().logTail(container.id(), context.logLines()));
    }
}
