package io.dhm.confirm;

import io.dhm.observe.HealthOverlay;
import io.dhm.decide.AlertMemory;
import io.dhm.observe.Change;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Transition;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Engine;
import io.dhm.engine.Inspected;
import io.dhm.observe.Lifecycle;
import io.dhm.observe.Status;
import io.dhm.alert.Alert;
import io.dhm.alert.AlertFactory;
import io.dhm.rootcause.RootCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Phase two of confirm-after-wait: when a container's wait is over, look at the engine again and let the lifecycle say
 * where it is. Still unhealthy is CRITICAL; exited on its own or killed for memory is CRITICAL naming the exit; gone
 * with nothing known of how is ERROR not_found; anything else (recovered, redeployed, stopped by the operator, a job
 * that finished) is only logged. A failing container that depends on another failing one has its alert folded into that one's
 * ({@link RootCause}). Returns null when there is nothing to send.
 */
public class Confirmation {

    /** What is left of a wait resumed after a restart or a take-over, in ms ({@link ConfirmWait#millis}). */
    public static final String REMAINING_WAIT = "dhmRemainingWaitMillis";
    private static final Logger LOG = LoggerFactory.getLogger(Confirmation.class);

    private final Engine docker;
    private final ContainerTracker tracker;
    private final Lifecycle lifecycle;
    private final AlertMemory memory;
    private final AlertFactory alerts;
    private final HealthOverlay checks;
    private final RootCause rootCause;
    private final Duration wait;
    private final int logLines;

    public Confirmation(Engine docker, HealthOverlay checks, ContainerTracker tracker, Lifecycle lifecycle,
                        AlertMemory memory, AlertFactory alerts, RootCause rootCause, Duration wait, int logLines) {
        this.lifecycle = lifecycle;
        this.checks = checks;
        this.rootCause = rootCause;
        this.docker = docker;
        this.tracker = tracker;
        this.memory = memory;
        this.alerts = alerts;
        this.wait = wait;
        this.logLines = logLines;
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
        Optional<Inspected> found = docker.current(pending.container()).flatMap(view -> docker.snapshot(view.id()));
        Optional<ContainerView> now = found.map(inspected -> checks.apply(inspected.view()));
        String status = now.isPresent() ? lifecycle.inspected(now.get(), found.get().state())
                : lifecycle.lastExit(pending.container().id()).map(Lifecycle.Exit::status).orElse(Transition.NOT_FOUND);
        boolean inTrouble = Status.trouble(status);
        if (inTrouble && pending.change() == Change.RETURNED) {
            // Ended early by a return that did not last: only a full wait may alert. The tracker stays pending, so
            // the next observation of the trouble starts a new wait.
            LOG.info("{} [{}] came back only briefly; waiting again", pending.container().displayName(), pending.container().projectLabel());
            return null;
        }
        if (inTrouble && pending.change() != Change.REPEAT && rootCause.fold(pending)) {
            return null; // folded into the alert of the failing container it depends on
        }
        if ("unhealthy".equals(status)) {
            ContainerView container = now.get();
            Alert alert = alerts.critical(pending, container, wait, docker.logTail(container.id(), logLines));
            return alerted(pending, rootCause.annotate(alert, container));
        }
        Optional<Lifecycle.Exit> exit = now.flatMap(view -> lifecycle.lastExit(view.id()))
                .or(() -> lifecycle.lastExit(pending.container().id()));
        if (inTrouble && exit.isPresent() && exit.get().status().equals(status)) {
            ContainerView container = exit.get().container();
            Alert alert = alerts.exited(pending, exit.get(), wait, docker.logTail(container.id(), logLines));
            return alerted(pending, rootCause.annotate(alert, pending.container()));
        }
        if (inTrouble) {
            return alerted(pending, rootCause.annotate(alerts.notFound(pending, wait), pending.container()));
        }
        if (pending.change() == Change.REPEAT) {
            return null; // fine again: the recovery alert comes from the transition the tracker sees
        }
        String how = Transition.NOT_FOUND.equals(pending.from())
                ? " after being gone (redeployed or restarted, now " + now.map(view -> view.id().substring(0, 12)).orElse("removed") + ")"
                : " within the wait";
        LOG.info("{} [{}] is {}{}; no alert", pending.container().displayName(), pending.container().projectLabel(),
                Status.fine(status) || "starting".equals(status) ? status + " again" : status, how);
        tracker.resolved(pending);
        return null;
    }
}
