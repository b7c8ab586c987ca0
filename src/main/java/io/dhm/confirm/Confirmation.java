package io.dhm.confirm;

import io.dhm.observe.HealthOverlay;
import io.dhm.decide.AlertMemory;
import io.dhm.observe.Change;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Transition;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Engine;
import io.dhm.engine.Health;
import io.dhm.alert.Alert;
import io.dhm.alert.AlertFactory;
import io.dhm.rootcause.RootCause;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Phase two of confirm-after-wait: when a container's wait is over, look at the engine again and decide. Still unhealthy is
 * CRITICAL, gone or stopped is ERROR not_found, anything else (recovered, or redeployed and not unhealthy) is only
 * logged. A failing container that depends on another failing one has its alert folded into that one's
 * ({@link RootCause}). Returns null when there is nothing to send.
 */
public class Confirmation {

    public static final String REMAINING_WAIT = "dhmRemainingWaitMillis";
    private static final Logger LOG = LoggerFactory.getLogger(Confirmation.class);

    private final Engine docker;
    private final ContainerTracker tracker;
    private final AlertMemory memory;
    private final AlertFactory alerts;
    private final HealthOverlay checks;
    private final RootCause rootCause;
    private final Duration wait;
    private final int logLines;

    public Confirmation(Engine docker, HealthOverlay checks, ContainerTracker tracker, AlertMemory memory,
                        AlertFactory alerts, RootCause rootCause, Duration wait, int logLines) {
        this.checks = checks;
        this.rootCause = rootCause;
        this.docker = docker;
        this.tracker = tracker;
        this.memory = memory;
        this.alerts = alerts;
        this.wait = wait;
        this.logLines = logLines;
    }

    /**
     * The aggregator's completion timeout for an incoming transition: the whole wait, or for a confirmation resumed
     * after a restart what was left of it (header {@value #REMAINING_WAIT}).
     */
    public long waitMillis(@Header(REMAINING_WAIT) Long remaining) {
        return Math.max(1, remaining != null ? remaining : wait.toMillis());
    }

    private Alert alerted(Transition pending, Alert alert) throws SQLException {
        if (pending.change() != Change.REPEAT) {
            tracker.alerted(pending, alert.toStatus(), alert.time().toInstant());
            memory.remember(new Transition(pending.container(), pending.from(), alert.toStatus(), pending.change(),
                    alert.time().toInstant(), pending.troubleSince(), pending.troubleFrom(), alert.toStatus()));
        }
        return alert;
    }

    public Alert recheck(Transition pending) throws SQLException {
        Optional<ContainerView> now = docker.current(pending.container()).map(checks::apply);
        boolean inTrouble = now.isEmpty() || !now.get().running() || now.get().health() == Health.UNHEALTHY;
        if (inTrouble && pending.change() == Change.RETURNED) {
            // Ended early by a return that did not last: only a full wait may alert. The tracker stays pending, so
            // the next observation of the trouble starts a new wait.
            LOG.info("{} [{}] came back only briefly; waiting again", pending.container().displayName(), pending.container().projectLabel());
            return null;
        }
        boolean unhealthy = now.isPresent() && now.get().running() && now.get().health() == Health.UNHEALTHY;
        if ((unhealthy || now.isEmpty() || !now.get().running())
                && pending.change() != Change.REPEAT && rootCause.fold(pending)) {
            return null; // folded into the alert of the failing container it depends on
        }
        if (unhealthy) {
            ContainerView container = now.get();
            Alert alert = alerts.critical(pending, container, wait, docker.logTail(container.id(), logLines));
            return alerted(pending, rootCause.annotate(alert, container));
        }
        if (now.isEmpty() || !now.get().running()) {
            return alerted(pending, rootCause.annotate(alerts.notFound(pending, wait), pending.container()));
        }
        if (pending.change() == Change.REPEAT) {
            return null; // fine again: the recovery alert comes from the transition the tracker sees
        }
        ContainerView container = now.get();
        String how = Transition.NOT_FOUND.equals(pending.from())
                ? " after being gone (redeployed or restarted, now " + container.id().substring(0, 12) + ")"
                : " within the wait";
        LOG.info("{} [{}] is {} again{}; no alert", container.displayName(), container.projectLabel(), container.health().word(), how);
        tracker.resolved(pending);
        return null;
    }
}
