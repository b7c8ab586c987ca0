package io.dhm.observe;

import io.dhm.decide.AlertMemory;
import io.dhm.engine.ContainerView;
import io.dhm.observe.TrackedEntry.Phase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The per-container state machine. It remembers the last status of every monitored container (by the identity
 * that survives a redeploy) and whether an alert is pending or sent, and turns each observation into at most one
 * {@link Transition}. Pure logic: no I/O, safe to call from the poll and the event stream at once.
 */
public class ContainerTracker {

    /** By container identity. */
    private final TrackedEntries entries = new TrackedEntries();
    private final WatchScope scope;
    /** Identities taken out of monitoring by the operator (API: deselect); not tracked, never alerted. */
    private final Set<String> ignored = new HashSet<>();

    /** A tracker of the containers with a health check (the Kamelets' and WATCH_SCOPE=health). */
    public ContainerTracker() {
        this(WatchScope.HEALTH);
    }

    public ContainerTracker(WatchScope scope) {
        this.scope = scope;
    }

    public WatchScope scope() {
        return scope;
    }

    /**
     * A full poll: every running container, listed at {@code listedAt}; monitored ones missing from it have vanished.
     * A container an event has updated since the list was requested keeps the event's newer view: a poll that raced
     * with an event must not undo it.
     */
    public synchronized List<Transition> reconcile(List<ContainerView> running, Instant listedAt) {
        return reconcile(ContainerView.SINGLE_ENGINE, running, listedAt);
    }

    /**
     * A full poll of one engine of several (DOCKER_HOSTS): only that engine's containers can have vanished from it;
     * the others' (an engine that is down meanwhile) are left as they were.
     */
    public synchronized List<Transition> reconcile(String engine, List<ContainerView> running, Instant listedAt) {
        return reconcile(engine, running, listedAt, Map.of());
    }

    /**
     * A full poll of one engine, with what became of the containers it no longer lists ({@link #missing}), by id:
     * their status as the engine's inspect and the lifecycle tell it ("stopped", "exited", ...); one not in
     * {@code ended} is gone ("not_found").
     */
    public synchronized List<Transition> reconcile(String engine, List<ContainerView> running, Instant listedAt,
                                                   Map<String, String> ended) {
        List<Transition> transitions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ContainerView view : running) {
            boolean listable = view.running() || view.paused() || "restarting".equals(view.state());
            if (listable && !ignored.contains(view.key()) && scope.watches(view)) {
                seen.add(view.key());
                if (!newerThan(entries.get(view.key()), listedAt)) {
                    update(view, listedStatus(view), listedAt).ifPresent(transitions::add);
                }
            }
        }
        for (TrackedEntry entry : List.copyOf(entries.values())) {
            if (entry.view.engineName().equals(engine) && !seen.contains(entry.view.key()) && !newerThan(entry, listedAt)
                    && !Status.ended(entry.status)) {
                update(entry.view, ended.getOrDefault(entry.view.id(), Transition.NOT_FOUND), listedAt)
                        .ifPresent(transitions::add);
            }
        }
        return transitions;
    }

    /** A listed container's status: the list shows running, paused and restarting ones. */
    private static String listedStatus(ContainerView view) {
        if (view.paused()) {
            return Status.PAUSED;
        }
        return "restarting".equals(view.state()) ? Status.RESTARTING : Status.ofRunning(view);
    }

    /**
     * The watched containers of {@code engine} that a full list without {@code listedIds} no longer shows and that
     * were running when last seen: the observer asks the engine what became of each before {@link #reconcile}.
     */
    public synchronized List<ContainerView> missing(String engine, Set<String> listedIds) {
        return entries.values().stream()
                .filter(entry -> entry.view.engineName().equals(engine) && !listedIds.contains(entry.view.id())
                        && !Status.ended(entry.status) && !Transition.NOT_FOUND.equals(entry.status))
                .map(entry -> entry.view)
                .toList();
    }

    private static boolean newerThan(TrackedEntry entry, Instant listedAt) {
        return entry != null && entry.observedAt.isAfter(listedAt);
    }

    /**
     * One running container seen through a custom check: its health, or "running" without a check; a stopped one
     * counts as gone.
     */
    public synchronized Optional<Transition> observe(ContainerView view, Instant now) {
        return observe(view, view.running() ? Status.ofRunning(view) : Transition.NOT_FOUND, now);
    }

    /**
     * One container seen through an event, with its status as the lifecycle decided it. A container the scope does not
     * watch (WATCH_SCOPE, label healthmonitor.enable) is left alone; one that ended is followed to its end if it was
     * watched; a running one that no longer qualifies (WATCH_SCOPE=health: its healthcheck is gone) counts as gone.
     */
    public synchronized Optional<Transition> observe(ContainerView view, String status, Instant now) {
        if (ignored.contains(view.key())) {
            return Optional.empty();
        }
        boolean ended = Status.ended(status) || Transition.NOT_FOUND.equals(status);
        if (ended ? tracks(view) || !entries.containsKey(view.key()) && scope.watches(view) : scope.watches(view)) {
            return update(view, status, now);
        }
        return ended ? Optional.empty() : vanished(view.id(), Transition.NOT_FOUND, now);
    }

    /**
     * Whether the tracker follows this very container (by id). An ended one it does not follow is news only when no
     * other container holds its identity: the old container of a redeploy stopping says nothing of the new one.
     */
    private boolean tracks(ContainerView view) {
        return entries.keyOf(view.id()).isPresent();
    }

    /**
     * A container the engine no longer has (destroyed); ignored unless it is the one tracked under its identity.
     * {@code status} is how it ended, as far as the lifecycle knows ("not_found" when it does not): one that had
     * ended already keeps the status it ended with, and one stopped or finished is forgotten.
     */
    public synchronized Optional<Transition> vanished(String containerId, String status, Instant now) {
        Optional<String> key = entries.keyOf(containerId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        TrackedEntry entry = entries.get(key.get());
        if (Status.ended(entry.status)) {
            if (!Status.trouble(entry.status) && entry.phase == Phase.OK) {
                entries.remove(key.get());
            }
            return Optional.empty();
        }
        return update(entry.view, status, now);
    }

    /**
     * A confirmation that was pending when the monitor stopped (read back from the aggregation repository): the
     * container is tracked as in trouble since then, so the first poll does not start its wait over.
     */
    public synchronized void resumePending(Transition pending) {
        entries.resume(pending, pending.to(), Phase.PENDING);
    }

    /** A container alerted before the monitor restarted (from {@link AlertMemory}): still alerted, not new. */
    public synchronized void resumeAlerted(Transition alerted) {
        entries.resume(alerted, alerted.alertedAs(), Phase.ALERTED).alerted(alerted.alertedAs(), alerted.at());
    }

    /**
     * An instance of a pair that takes over (after {@link #resumeAlerted} and {@link #resumePending} from the shared
     * stores): the containers this follower saw go into trouble without a confirmation waiting for them (the leader
     * was gone by then), each as a transition to confirm, its wait counted from when the trouble began. An episode
     * this follower still counts as pending but whose container is fine again was settled by the old leader: it ends.
     */
    public synchronized List<Transition> unconfirmed(Set<String> waiting) {
        List<Transition> unconfirmed = new ArrayList<>();
        entries.forEach((key, entry) -> {
            if (entry.phase == Phase.PENDING && !waiting.contains(key)) {
                if (Status.trouble(entry.status)) {
                    unconfirmed.add(entry.intoTrouble());
                } else {
                    entry.endTrouble();
                }
            }
        });
        return unconfirmed;
    }

    /** The confirmation stage sent an alert for this episode, about {@code status} ("unhealthy", "exited", ...). */
    public synchronized void alerted(Transition confirmed, String status, Instant at) {
        TrackedEntry entry = entries.get(confirmed.key());
        if (entry != null && entry.phase == Phase.PENDING) {
            entry.alerted(status, at);
        }
    }

    /**
     * The alert for this episode never reached the outbox (its confirmation was dead-lettered before): the container
     * is pending again, not ALERTED, so the API claims no alert that went nowhere.
     */
    public synchronized void notAlerted(Transition confirmed) {
        TrackedEntry entry = entries.get(confirmed.key());
        if (entry != null && entry.phase == Phase.ALERTED) {
            entry.notAlerted();
        }
    }

    /**
     * Containers still in trouble {@code interval} after their last alert (ALERT_REPEAT_INTERVAL_MIN): each is
     * returned once per interval as a {@link Change#REPEAT} for the confirmation stage to recheck and re-announce.
     */
    public synchronized List<Transition> repeatsDue(Instant now, Duration interval) {
        List<Transition> due = new ArrayList<>();
        if (interval.isZero()) {
            return due;
        }
        for (TrackedEntry entry : entries.values()) {
            entry.repeatDue(now, interval).ifPresent(due::add);
        }
        return due;
    }

    /** The confirmation stage found the container fine again: the episode is over without an alert. */
    public synchronized void resolved(Transition settled) {
        TrackedEntry entry = entries.get(settled.key());
        if (entry != null && entry.phase == Phase.PENDING && entry.troubleSince.equals(settled.troubleSince())
                && !Status.trouble(entry.status)) {
            entry.endTrouble();
        }
    }

    /** The operator took this container out of monitoring: forgotten now, ignored until {@link #watch}. */
    public synchronized void ignore(String key) {
        ignored.add(key);
        entries.remove(key);
    }

    /** Back into monitoring: the next poll or event picks it up as new. */
    public synchronized void watch(String key) {
        ignored.remove(key);
    }

    public synchronized Set<String> ignored() {
        return Set.copyOf(ignored);
    }

    /** What the tracker knows of every container it watches, for the API, the dashboard and the metrics. */
    public synchronized List<TrackedContainer> snapshot() {
        return entries.values().stream().map(TrackedEntry::snapshot).toList();
    }

    /** The status of every tracked container, by identity. */
    public synchronized Map<String, String> statuses() {
        return entries.statuses();
    }

    /** Every container unhealthy right now, with the moment it became so: what auto-heal's wait counts from. */
    public synchronized List<UnhealthySpell> unhealthy() {
        return entries.values().stream()
                .filter(entry -> "unhealthy".equals(entry.status))
                .map(entry -> new UnhealthySpell(entry.view, entry.statusSince))
                .toList();
    }

    /** The watched containers that are there: running, paused or being restarted. */
    public synchronized int monitoredCount() {
        return (int) entries.values().stream()
                .filter(entry -> !Transition.NOT_FOUND.equals(entry.status) && !Status.ended(entry.status)).count();
    }

    /**
     * Containers paused for {@code limit} or longer (PAUSE_WARNING_MIN), each returned once per pause, with when it
     * was paused.
     */
    public synchronized List<UnhealthySpell> pausedLongerThan(Duration limit, Instant now) {
        List<UnhealthySpell> due = new ArrayList<>();
        for (TrackedEntry entry : entries.values()) {
            if (entry.pauseDue(limit, now)) {
                due.add(new UnhealthySpell(entry.view, entry.statusSince));
            }
        }
        return due;
    }

    private Optional<Transition> update(ContainerView view, String status, Instant now) {
        return entries.entryFor(view).update(view, status, now);
    }
}
