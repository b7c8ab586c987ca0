package io.dhm.heal;

import io.dhm.alert.Alert;
import io.dhm.alert.AlertFactory;
import io.dhm.alert.Severity;
import io.dhm.config.HealSettings;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Engine;
import io.dhm.engine.EngineUnavailableException;
import io.dhm.engine.Health;
import io.dhm.heal.Healer.HealRequest;
import io.dhm.heal.Healer.Sources;
import io.dhm.heal.RestartPolicy.Decision;
import io.dhm.history.History;
import io.dhm.observe.HealthOverlay;
import io.dhm.observe.Lifecycle;
import io.dhm.rootcause.RootCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One restart the restart policy allowed, carried out through the engine port from the look before to the report
 * after: the engine's view right before (is the container still in the trouble that asked for it?), its last log
 * lines, the restart, then the containers to restart with it. Once the engine has restarted the container, the
 * restart is recorded and reported whatever follows: an engine that stops answering while the dependents are
 * restarted ends only that part, and the report says which of them were restarted.
 */
final class HealRestart {

    private static final Logger LOG = LoggerFactory.getLogger(Healer.class);

    private final Engine docker;
    private final HealthOverlay checks;
    private final Lifecycle lifecycle;
    private final RootCause rootCause;
    private final HealBook book;
    private final AlertFactory alerts;
    private final History history;
    private final int logLines;

    HealRestart(Sources sources, HealBook book, AlertFactory alerts, History history, int logLines) {
        this.docker = sources.docker();
        this.checks = sources.checks();
        this.lifecycle = sources.lifecycle();
        this.rootCause = sources.rootCause();
        this.book = book;
        this.alerts = alerts;
        this.history = history;
        this.logLines = logLines;
    }

    /** The containers restarted with this one, and why the engine stopped answering before the rest (or null). */
    private record Dependents(List<String> restarted, String engineFailure) {
    }

    /**
     * Restarts the container unless it is gone or out of trouble, and returns the alert that reports the restart, else
     * null. Fails with {@link EngineUnavailableException} only before the restart: then nothing happened.
     */
    Alert restart(HealRequest request, Decision decision, HealSettings settings) {
        ContainerView container = request.container();
        HealOptions options = HealOptions.of(container, settings);
        Optional<ContainerView> seen = docker.inspect(container.id());
        if (seen.isEmpty()) {
            return removed(container);
        }
        ContainerView current = checks.apply(seen.get());
        if (!stillInTrouble(request, current)) {
            LOG.info("Auto-heal: {} [{}] no longer needs a restart", current.displayName(), current.projectLabel());
            return null;
        }
        String logs = docker.logTail(current.id(), logLines); // before the restart starts its output afresh
        if (!docker.restart(current.id(), options.stopTimeoutSec())) {
            return removed(container);
        }
        Dependents dependents = restartDependents(container, options, settings);
        return restarted(request, decision, current, logs, dependents, options, settings);
    }

    private boolean stillInTrouble(HealRequest request, ContainerView now) {
        return switch (request.cause()) {
            case UNHEALTHY -> now.running() && now.health() == Health.UNHEALTHY;
            case EXITED -> !now.running() && !lifecycle.stoppedOnPurpose(now.id());
            case SIGNAL -> now.running();
        };
    }

    private static Alert removed(ContainerView container) {
        LOG.info("Auto-heal: {} was removed before its restart", container.displayName());
        return null;
    }

    /**
     * The containers to restart with this one: those sharing its network (AUTOHEAL_RESTART_DEPENDENTS), and its failing
     * dependents configured to be restarted with it (Compose's depends_on restart: true, or
     * healthmonitor.restart_with_dependency=true). The first call the engine does not answer ends the round.
     */
    private Dependents restartDependents(ContainerView container, HealOptions options, HealSettings settings) {
        HealSelection selection = new HealSelection(settings);
        List<String> restarted = new ArrayList<>();
        try {
            Map<String, ContainerView> dependents = new LinkedHashMap<>();
            if (settings.restartDependents()) {
                docker.networkDependents(container).forEach(dependent -> dependents.put(dependent.id(), dependent));
            }
            rootCause.restartWith(container).forEach(dependent -> dependents.putIfAbsent(dependent.id(), dependent));
            for (ContainerView dependent : dependents.values()) {
                if (!selection.excludes(dependent) && docker.restart(dependent.id(), options.stopTimeoutSec())) {
                    restarted.add(dependent.name());
                }
            }
            return new Dependents(restarted, null);
        } catch (EngineUnavailableException e) {
            LOG.warn("Auto-heal restarted {} [{}], then the engine stopped answering: {}", container.displayName(),
                    container.projectLabel(), e.getMessage());
            return new Dependents(restarted, e.getMessage());
        }
    }

    /** Records the restart (the heal book, the history) and returns the alert that reports it with the logs from before. */
    private Alert restarted(HealRequest request, Decision decision, ContainerView current, String logs,
                            Dependents dependents, HealOptions options, HealSettings settings) {
        ContainerView container = request.container();
        List<String> names = dependents.restarted();
        int restarts = decision.record().restarts().size();
        String details = "Auto-heal restarted the container: it " + request.reason() + ". Restart " + restarts
                + " of at most " + options.maxRestarts() + " within " + settings.restartWindow().toSeconds()
                + " s; the next one no sooner than " + decision.record().backoff().toSeconds() + " s after this."
                + (names.isEmpty() ? "" : " Also restarted, as they depend on it: " + String.join(", ", names) + ".")
                + (dependents.engineFailure() == null ? "" : " The engine stopped answering right after the restart,"
                + " so the containers that depend on it may not all have been restarted.");
        LOG.warn("Auto-heal restarted {} [{}] ({}; restart {} of {})", container.displayName(), container.projectLabel(),
                request.reason(), restarts, options.maxRestarts());
        try {
            book.put(container.key(), decision.record());
        } catch (SQLException e) {
            // the restart happened: it is reported all the same, and counts toward the limits from the book's memory
            LOG.error("Auto-heal could not store the restart of {} in the database: {}", container.displayName(), e.getMessage());
        }
        history.record(History.Kind.HEAL, container, "restarted: " + request.reason()
                + (names.isEmpty() ? "" : "; dependents " + names)
                + (dependents.engineFailure() == null ? "" : "; then the engine stopped answering"), null);
        return alerts.action(Severity.INFO, current, Healer.fromStatus(request), "restarted", details, logs);
    }
}
