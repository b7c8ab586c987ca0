package io.dhm.heal;

import io.dhm.observe.HealthOverlay;
import io.dhm.config.HealSettings;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Lifecycle;
import io.dhm.observe.UnhealthySpell;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Engine;
import io.dhm.heal.RestartPolicy.Decision;
import io.dhm.heal.RestartPolicy.Verdict;
import io.dhm.history.History;
import io.dhm.rootcause.RootCause;
import io.dhm.alert.Alert;
import io.dhm.alert.AlertFactory;
import io.dhm.alert.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Auto-heal. Every second the heal route asks {@link #due()} which selected containers have been in trouble for
 * their wait (unhealthy in mode health, crashed in mode exit, or named by a restart-loop or log-pattern watch set to
 * heal) and are allowed a restart by the {@link RestartPolicy}. For each, the route hands the request to
 * {@link #heal}, which carries it out whole: the policy's verdict, then the quarantine or the restart through the
 * engine port ({@link HealRestart}, with the containers to restart with it), recorded in the heal book and the history;
 * it returns the alert that reports it.
 */
public class Healer {

    /** Why a container is to be restarted. */
    public enum Cause { UNHEALTHY, EXITED, SIGNAL }

    /** A container that needs a restart, since when, and why (in words for the alert). */
    public record HealRequest(ContainerView container, Cause cause, Instant troubleSince, String reason) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Healer.class);

    private final Supplier<HealSettings> liveSettings;
    private final Engine docker;
    private final ContainerTracker tracker;
    private final Lifecycle lifecycle;
    private final RootCause rootCause;
    private final HealBook book;
    private final AlertFactory alerts;
    private final History history;
    private final Clock clock;
    private final int logLines;
    private final HealRestart restarts;
    private final Map<String, HealRequest> signalled = new ConcurrentHashMap<>();
    /** Containers being restarted: the next tick must not restart them again while a stop timeout runs. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /** @param liveSettings the AUTOHEAL_* settings as they are now: the API may change them while the monitor runs */
    public Healer(Supplier<HealSettings> liveSettings, HealBook book, Sources sources, AlertFactory alerts,
                  History history, Clock clock, int logLines) {
        this.liveSettings = liveSettings;
        this.docker = sources.docker();
        this.tracker = sources.tracker();
        this.lifecycle = sources.lifecycle();
        this.rootCause = sources.rootCause();
        this.book = book;
        this.alerts = alerts;
        this.history = history;
        this.clock = clock;
        this.logLines = logLines;
        this.restarts = new HealRestart(sources, book, alerts, history, logLines);
    }

    private HealSettings settings() {
        return liveSettings.get();
    }

    private HealSelection selection() {
        return new HealSelection(settings());
    }

    private RestartPolicy policy() {
        return new RestartPolicy(settings());
    }

    /**
     * Where auto-heal learns what is wrong: the engine, the tracker's statuses, custom checks, crashes, and which
     * failing containers others depend on.
     */
    public record Sources(Engine docker, ContainerTracker tracker, HealthOverlay checks, Lifecycle lifecycle,
                          RootCause rootCause) {
    }

    public boolean selects(ContainerView container) {
        return selection().selects(container);
    }

    /** A watch set to heal (RESTART_LOOP_HEAL, LOG_PATTERN_HEAL) asks for a restart of a selected container. */
    public void request(ContainerView container, String reason) {
        if (selection().selects(container)) {
            signalled.put(container.key(), new HealRequest(container, Cause.SIGNAL, clock.instant(), reason));
        }
    }

    /** Ends a quarantine (API: unquarantine); false when the container is not quarantined. */
    public boolean release(ContainerView container) throws SQLException {
        Optional<HealRecord> record = book.get(container.key());
        if (record.isEmpty() || !record.get().quarantined()) {
            return false;
        }
        book.put(container.key(), HealRecord.fresh(container.id()));
        LOG.info("Auto-heal: quarantine of {} [{}] released by the operator", container.displayName(), container.projectLabel());
        history.record(History.Kind.HEAL, container, "quarantine released by the operator", null);
        return true;
    }

    /** Whether auto-heal has given up on this container for now. */
    public boolean quarantined(ContainerView container) {
        return policy().released(recordFor(container), clock.instant()).quarantined();
    }

    /**
     * The restarts and quarantines to carry out now. Synchronized: the timer and the events ask at the same time, and
     * a request handed out is in flight until {@link #done}.
     */
    public synchronized List<HealRequest> due() {
        if (!settings().enabled()) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<String, HealRequest> candidates = new LinkedHashMap<>();
        for (UnhealthySpell spell : tracker.unhealthy()) {
            ContainerView container = spell.container();
            if (selection().selects(container) && HealOptions.of(container, settings()).mode().health()) {
                candidates.put(container.key(), new HealRequest(container, Cause.UNHEALTHY, spell.since(),
                        "was unhealthy" + (container.healthOutput().isEmpty() ? "" : " (" + container.healthOutput() + ")")));
            }
        }
        for (Lifecycle.Exit crash : lifecycle.crashes()) {
            ContainerView container = crash.container();
            if (selection().selects(container) && HealOptions.of(container, settings()).mode().exit()) {
                candidates.putIfAbsent(container.key(), new HealRequest(container, Cause.EXITED, crash.at(),
                        crash.oom() ? "was killed for memory (OOMKilled)" : "exited with code " + crash.exitCode()));
            }
        }
        signalled.forEach(candidates::putIfAbsent);
        return candidates.values().stream()
                // a container whose dependency is failing waits for that one's restart (ROOT_CAUSE_FOLDING)
                .filter(request -> !inFlight.contains(request.container().key()) && actionable(request, now)
                        && !rootCause.waitsForDependency(request.container()))
                .peek(request -> inFlight.add(request.container().key()))
                .toList();
    }

    private boolean actionable(HealRequest request, Instant now) {
        HealOptions options = HealOptions.of(request.container(), settings());
        HealRecord record = recordFor(request.container());
        Instant since = counted(request, record);
        if (request.cause() != Cause.SIGNAL && since.plus(options.healWait()).isAfter(now)) {
            return false;
        }
        Verdict verdict = policy().decide(record, since, now, options.maxRestarts()).verdict();
        if (verdict == Verdict.QUARANTINED) {
            signalled.remove(request.container().key()); // a watch's request must not outlive the quarantine
        }
        return verdict == Verdict.RESTART || verdict == Verdict.QUARANTINE;
    }

    /**
     * Trouble that began before the last restart counts from that restart: the restarted container gets its wait. So
     * does a container whose dependency was healthy again since (see {@link RootCause#countsFrom}).
     */
    private Instant counted(HealRequest request, HealRecord record) {
        Instant lastRestart = record.lastRestart();
        Instant since = lastRestart != null && lastRestart.isAfter(request.troubleSince()) ? lastRestart : request.troubleSince();
        return rootCause.countsFrom(request.container(), since);
    }

    /** A record for this very container: a redeployed one (new id) starts afresh, which also ends a quarantine. */
    private HealRecord recordFor(ContainerView container) {
        return book.get(container.key())
                .filter(record -> record.containerId().equals(container.id()))
                .orElseGet(() -> HealRecord.fresh(container.id()));
    }

    /**
     * Carries out a due request whole (the heal route's one call): the quarantine or the restart the restart policy
     * decides, each recorded; returns the alert that reports it, or null when nothing was done. Fails with
     * {@link io.dhm.engine.EngineUnavailableException} when the engine does not answer before a restart: a later tick
     * tries again. However it ends, the next tick may heal the container again.
     */
    public Alert heal(HealRequest request) throws SQLException {
        try {
            Decision decision = decide(request);
            return switch (decision.verdict()) {
                case QUARANTINE -> quarantine(request, decision);
                case RESTART -> restarts.restart(request, decision, settings());
                case WAIT, QUARANTINED -> null;
            };
        } finally {
            inFlight.remove(request.container().key());
        }
    }

    /**
     * What to do now about a due container: the restart policy's verdict (RESTART, QUARANTINE, or WAIT and
     * QUARANTINED when nothing is to be done) with the record to keep once it is carried out.
     */
    private Decision decide(HealRequest request) {
        ContainerView container = request.container();
        HealRecord record = recordFor(container);
        signalled.remove(container.key());
        return policy().decide(record, counted(request, record), clock.instant(),
                HealOptions.of(container, settings()).maxRestarts());
    }

    /** Gives up on the container: records the quarantine and returns the alert that reports it. */
    private Alert quarantine(HealRequest request, Decision decision) throws SQLException {
        ContainerView container = request.container();
        HealRecord record = decision.record();
        // the logs first: an engine that does not answer leaves the quarantine to a later tick, not unreported
        String logs = docker.logTail(container.id(), logLines);
        book.put(container.key(), record);
        String until = settings().quarantineRelease().isZero()
                ? "until it is redeployed"
                : "for " + settings().quarantineRelease().toSeconds() + " s, or until it is redeployed";
        String details = "Auto-heal gave up on the container: " + record.quarantineReason() + ". It is quarantined: no"
                + " more restarts " + until + ". Last, it " + request.reason() + ".";
        LOG.error("Auto-heal quarantined {} [{}]: {}", container.displayName(), container.projectLabel(), record.quarantineReason());
        history.record(History.Kind.HEAL, container, "quarantined: " + record.quarantineReason(), null);
        return alerts.action(Severity.CRITICAL, container, fromStatus(request), "quarantined", details, logs);
    }

    static String fromStatus(HealRequest request) {
        return switch (request.cause()) {
            case UNHEALTHY -> "unhealthy";
            case EXITED -> "exited";
            case SIGNAL -> "running";
        };
    }
}
