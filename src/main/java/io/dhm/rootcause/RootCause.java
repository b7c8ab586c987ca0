package io.dhm.rootcause;

import io.dhm.alert.Alert;
import io.dhm.engine.ContainerState;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Engine;
import io.dhm.engine.EngineUnavailableException;
import io.dhm.history.History;
import io.dhm.observe.Change;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Status;
import io.dhm.observe.TrackedContainer;
import io.dhm.observe.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Compose-aware root cause (ROOT_CAUSE_FOLDING). When a container others depend on ({@link Dependencies}) is failing,
 * the alerts of its failing dependents are folded into its own: the confirmation stage asks {@link #fold} before it
 * alerts a container, and {@link #annotate}s the alert of the cause with the dependents failing too. Auto-heal asks
 * {@link #waitsForDependency} so that it restarts the cause, not each dependent, and {@link #restartWith} for the
 * dependents configured to be restarted with it. When the cause is healthy again, {@link #released} gives each
 * dependent still failing a fresh confirmation wait, which alerts it on its own if it does not recover.
 */
public class RootCause {

    /** A dependent whose alert was folded: into which container's, and the confirmation it came from. */
    private record Fold(String rootKey, Transition pending) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RootCause.class);
    /** Network modes by container id: they cannot change without a new container, so one inspect each suffices. */
    private static final int MODES_KEPT = 5000;

    private final ContainerTracker tracker;
    private final Engine engine;
    private final History history;
    private final Clock clock;
    private final boolean enabled;
    private final Dependencies dependencies = new Dependencies();
    private final Map<String, Fold> folds = new ConcurrentHashMap<>();
    private final Map<String, String> networkModes = new ConcurrentHashMap<>();

    public RootCause(ContainerTracker tracker, Engine engine, History history, Clock clock, boolean enabled) {
        this.tracker = tracker;
        this.engine = engine;
        this.history = history;
        this.clock = clock;
        this.enabled = enabled;
    }

    /**
     * Whether the alert a confirmation would send for this container is folded into that of a failing container it
     * depends on; if so it is recorded (history, and the fold that {@link #released} ends) and not sent.
     */
    public boolean fold(Transition pending) {
        if (!enabled) {
            return false;
        }
        // never into a container whose own alert is folded into this one's: one of them must alert
        Optional<ContainerView> root = failingDependency(pending.container())
                .filter(cause -> !foldedInto(cause.key(), pending.key()));
        root.ifPresent(cause -> {
            folds.put(pending.key(), new Fold(cause.key(), pending));
            LOG.info("{} [{}] is failing too, and depends on {}, which is failing: its alert is folded into {}'s",
                    pending.container().displayName(), pending.container().projectLabel(), cause.name(), cause.name());
            history.record(History.Kind.FOLD, pending.container(), "alert folded into " + cause.name()
                    + "'s: it depends on " + cause.name() + ", which is failing", null);
        });
        return root.isPresent();
    }

    /** The alert of a failing container, naming first the containers that depend on it and are failing too. */
    public Alert annotate(Alert alert, ContainerView cause) {
        if (!enabled) {
            return alert;
        }
        List<String> failing = failingDependents(cause).stream().map(ContainerView::name).sorted().toList();
        if (failing.isEmpty()) {
            return alert;
        }
        String they = failing.size() == 1 ? failing.get(0) + " depends on it and is"
                : String.join(", ", failing.subList(0, failing.size() - 1)) + " and " + failing.get(failing.size() - 1)
                        + " depend on it and are";
        return alert.withDependents(failing, cause.name() + " is " + (alert.toStatus().equals(Transition.NOT_FOUND)
                ? "gone" : "unhealthy") + "; " + they + " failing too (their alerts are folded into this one).");
    }

    /**
     * For auto-heal: a container whose dependency is failing, down (auto-heal's own restart of it passes through a
     * stop) or starting again waits for that one instead of being restarted itself. A dependency that completed, a
     * one-off job, is no reason to wait.
     */
    public boolean waitsForDependency(ContainerView container) {
        if (!enabled) {
            return false;
        }
        Map<String, TrackedContainer> tracked = trackedByKey();
        return dependenciesOf(container, watched()).stream()
                .map(dependency -> tracked.get(dependency.on().key()))
                .anyMatch(on -> on != null && !Status.fine(on.status()) && !Status.COMPLETED.equals(on.status()));
    }

    /**
     * For auto-heal: when a container's trouble counts from. A dependency that was healthy again after {@code since}
     * starts it afresh, so the dependent gets its whole wait to recover with it (its next health check may be a
     * HEALTHCHECK interval away) before it is restarted on its own.
     */
    public Instant countsFrom(ContainerView container, Instant since) {
        if (!enabled) {
            return since;
        }
        Map<String, TrackedContainer> tracked = trackedByKey();
        return dependenciesOf(container, watched()).stream()
                .map(dependency -> tracked.get(dependency.on().key()))
                .filter(on -> on != null && "healthy".equals(on.status()) && on.statusSince() != null
                        && on.statusSince().isAfter(since))
                .map(TrackedContainer::statusSince)
                .max(Instant::compareTo)
                .orElse(since);
    }

    /** For auto-heal, after it restarted {@code cause}: its failing dependents to restart with it. */
    public List<ContainerView> restartWith(ContainerView cause) {
        if (!enabled) {
            return List.of();
        }
        List<ContainerView> watched = watched();
        return troubled().stream()
                .filter(dependent -> dependenciesOf(dependent, watched).stream()
                        .anyMatch(dependency -> dependency.restartWith() && dependency.on().key().equals(cause.key())))
                .toList();
    }

    /**
     * For the decide route, on a container back to healthy: the dependents whose alerts were folded into its own and
     * that are still failing, each as a fresh transition for the confirmation wait.
     */
    public List<Transition> released(Transition back) {
        folds.remove(back.key()); // a dependent that recovered on its own is done with
        Map<String, TrackedContainer> tracked = trackedByKey();
        List<Transition> waits = new ArrayList<>();
        folds.entrySet().removeIf(entry -> {
            if (!entry.getValue().rootKey().equals(back.key())) {
                return false;
            }
            Transition pending = entry.getValue().pending();
            TrackedContainer dependent = tracked.get(entry.getKey());
            if (dependent != null && troubled(dependent.status())) {
                LOG.info("{} [{}] is still failing now that {} is {} again: it gets a wait of its own",
                        pending.container().displayName(), pending.container().projectLabel(), back.container().name(), back.to());
                waits.add(new Transition(pending.container(), pending.to(), pending.to(),
                        Transition.NOT_FOUND.equals(pending.to()) ? Change.VANISHED : Change.UNHEALTHY,
                        clock.instant(), pending.troubleSince(), pending.troubleFrom(), null));
            }
            return true;
        });
        return waits;
    }

    /** Whether the alert of {@code key} is folded, directly or through others, into that of {@code into}. */
    private boolean foldedInto(String key, String into) {
        Set<String> seen = new LinkedHashSet<>();
        for (Fold fold = folds.get(key); fold != null && seen.add(fold.rootKey()); fold = folds.get(fold.rootKey())) {
            if (fold.rootKey().equals(into)) {
                return true;
            }
        }
        return false;
    }

    private Optional<ContainerView> failingDependency(ContainerView container) {
        Set<String> failing = troubled().stream().map(ContainerView::key).collect(Collectors.toSet());
        return dependenciesOf(container, watched()).stream()
                .map(Dependencies.Dependency::on)
                .filter(on -> failing.contains(on.key()))
                .findFirst();
    }

    /** The failing containers that depend on {@code cause}, directly or through another failing one. */
    private List<ContainerView> failingDependents(ContainerView cause) {
        List<ContainerView> troubled = troubled();
        List<ContainerView> watched = watched();
        Set<String> found = new LinkedHashSet<>();
        List<ContainerView> dependents = new ArrayList<>();
        Deque<String> causes = new ArrayDeque<>(List.of(cause.key()));
        while (!causes.isEmpty()) {
            String on = causes.poll();
            for (ContainerView candidate : troubled) {
                if (!candidate.key().equals(cause.key()) && !found.contains(candidate.key())
                        && dependenciesOf(candidate, watched).stream().anyMatch(d -> d.on().key().equals(on))) {
                    found.add(candidate.key());
                    dependents.add(candidate);
                    causes.add(candidate.key());
                }
            }
        }
        return dependents;
    }

    private List<Dependencies.Dependency> dependenciesOf(ContainerView container, List<ContainerView> watched) {
        return dependencies.of(container, networkMode(container), watched);
    }

    private String networkMode(ContainerView container) {
        String known = networkModes.get(container.id());
        if (known != null) {
            return known;
        }
        try {
            String mode = engine.state(container.id()).map(ContainerState::networkMode).orElse("");
            if (networkModes.size() > MODES_KEPT) {
                networkModes.clear();
            }
            networkModes.put(container.id(), mode);
            return mode;
        } catch (EngineUnavailableException e) {
            return ""; // the labels still tell; the mode is asked again next time
        }
    }

    private Map<String, TrackedContainer> trackedByKey() {
        return tracker.snapshot().stream()
                .collect(Collectors.toMap(tracked -> tracked.container().key(), tracked -> tracked, (a, b) -> a));
    }

    private List<ContainerView> watched() {
        return tracker.snapshot().stream().map(TrackedContainer::container).toList();
    }

    private List<ContainerView> troubled() {
        return tracker.snapshot().stream().filter(tracked -> troubled(tracked.status()))
                .map(TrackedContainer::container).toList();
    }

    private static boolean troubled(String status) {
        return "unhealthy".equals(status) || Transition.NOT_FOUND.equals(status);
    }
}
