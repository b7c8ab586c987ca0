package io.dhm.alert;

import io.dhm.observe.Change;
import io.dhm.observe.Lifecycle;
import io.dhm.observe.Status;
import io.dhm.observe.Transition;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the three health alerts from confirmed transitions, the flapping ones, and the alerts of auto-heal and the
 * watches.
 */
public class AlertFactory {

    /** The project and container an engine alert names, so routing rules and silences can match it. */
    public static final String ENGINE_PROJECT = "engine";
    public static final String ENGINE_CONTAINER = "dockerd";

    private final String serverName;
    private final Clock clock;
    private final SeverityPolicy severities;

    public AlertFactory(String serverName, Clock clock) {
        this(serverName, clock, SeverityPolicy.defaults());
    }

    public AlertFactory(String serverName, Clock clock, SeverityPolicy severities) {
        this.serverName = serverName;
        this.clock = clock;
        this.severities = severities;
    }

    /** Still unhealthy after the wait: CRITICAL, with the last healthcheck output and the log tail. */
    public Alert critical(Transition pending, ContainerView now, Duration waited, String logs) {
        String details = pending.change() == Change.REPEAT
                ? "Container is still unhealthy, " + human(Duration.between(pending.troubleSince(), pending.at()))
                        + " after it first failed (repeated every ALERT_REPEAT_INTERVAL_MIN)."
                : "Container remained unhealthy after " + minutes(waitedFor(pending, waited)) + " minute(s).";
        return alert(confirmedId(pending), severities.of("unhealthy", now), now, pending.troubleFrom(), "unhealthy",
                details, now.healthOutput().isEmpty() ? "(no output recorded)" : now.healthOutput(),
                logs.isBlank() ? "(the container wrote no log lines)" : logs.stripTrailing(), Cause.unhealthy());
    }

    /** Gone with nothing known of how, and not back after the wait: ERROR not_found. */
    public Alert notFound(Transition pending, Duration waited) {
        String details = pending.change() == Change.REPEAT
                ? "Container is still gone, " + human(Duration.between(pending.troubleSince(), pending.at()))
                        + " after it disappeared (repeated every ALERT_REPEAT_INTERVAL_MIN)."
                : "Container is no longer running or has been removed, and no replacement came up within "
                        + minutes(waitedFor(pending, waited)) + " minute(s).";
        return alert(confirmedId(pending), severities.of(Transition.NOT_FOUND, pending.container()), pending.container(),
                pending.troubleFrom(), Transition.NOT_FOUND, details, "", "", Cause.gone());
    }

    /**
     * Exited on its own, or killed for memory, and not brought back after the wait: CRITICAL (ALERT_SEVERITY), naming
     * the exit code, the OOM kill and the memory limit, with the log tail the container left.
     */
    public Alert exited(Transition pending, Lifecycle.Exit exit, Duration waited, String logs) {
        Cause cause = Cause.ofExit(exit);
        String how = exit.oom()
                ? "The kernel killed the container for memory (OOMKilled, exit code " + exit.exitCode() + ")"
                        + (exit.memoryLimit() > 0 ? "; its memory limit is " + Cause.mebibytes(exit.memoryLimit()) : "")
                : "Container exited on its own with code " + exit.exitCode();
        String when = exit.at() == null || Instant.EPOCH.equals(exit.at()) ? "" : " at " + time(exit.at());
        String policy = exit.restartPolicy().isEmpty() || "no".equals(exit.restartPolicy()) ? "no restart policy"
                : "restart policy " + exit.restartPolicy();
        String details = pending.change() == Change.REPEAT
                ? how + when + ", and is still down " + human(Duration.between(pending.troubleSince(), pending.at()))
                        + " later (repeated every ALERT_REPEAT_INTERVAL_MIN)."
                : how + when + ", and was not brought back within " + minutes(waitedFor(pending, waited))
                        + " minute(s) (" + policy + "). Nobody asked for it to stop.";
        return alert(confirmedId(pending), severities.of(cause.kind(), exit.container()), pending.container(),
                pending.troubleFrom(), exit.status(), details, "",
                logs.isBlank() ? "(the container wrote no log lines)" : logs.stripTrailing(), cause);
    }

    /**
     * Containers stopped, killed or removed at the operator's request and not back after STOP_NOTICE_WAIT_SEC: one
     * INFO notice for all of them (a Compose project stopped as a whole), about the first.
     */
    public Alert stopped(List<Lifecycle.Exit> stops) {
        Lifecycle.Exit first = stops.get(0);
        String names = String.join(", ", stops.stream().map(stop -> stop.container().displayName()).toList());
        String details = (stops.size() == 1 ? "Container was stopped" : stops.size() + " containers were stopped")
                + " at the operator's request (docker stop, kill, rm or compose): " + names + ". No problem is"
                + " reported for a stop that was asked for (STOP_NOTICES=false turns these notices off).";
        ContainerView about = first.container();
        Cause cause = Cause.ofExit(first);
        if (stops.size() > 1) {
            cause = new Cause(cause.kind(), "Stopped by the operator: " + stops.size() + " containers" , cause.exitCode(),
                    cause.signal(), cause.oom(), cause.restarts(), true, cause.memoryLimit());
        }
        return alert(UUID.randomUUID().toString(), Severity.INFO, about, "running", Status.STOPPED, details, "", "", cause);
    }

    /**
     * Restarted by its restart policy {@code restarts} times within {@code window} (RESTART_LOOP_COUNT, RESTART_LOOP_WINDOW_SEC),
     * or killed for memory and brought back: one alert per episode, CRITICAL (ALERT_SEVERITY crash_restarts).
     */
    public Alert crashRestarts(ContainerView container, int restarts, Duration window, Lifecycle.Exit last,
                               String details, String logs) {
        Cause cause = Cause.crashRestarts(restarts, window, last);
        return alert(UUID.randomUUID().toString(), severities.of(cause.kind(), container), container, "running",
                "restart_loop", details, "", logs.stripTrailing(), cause);
    }

    /** A crash-restart episode is over: no restart by the policy for the whole window. */
    public Alert restartsSettled(ContainerView container, Duration window, int restarts) {
        String details = "The engine has not restarted the container for " + Cause.window(window) + ": it has settled."
                + " Its restart policy restarted it " + restarts + (restarts == 1 ? " time" : " times") + " in the episode.";
        return alert(Severity.INFO, container, "restart_loop", "settled", details, "", "");
    }

    /** Paused for PAUSE_WARNING_MIN or longer: WARNING, once per pause. */
    public Alert pausedTooLong(ContainerView container, Instant since) {
        Duration pausedFor = Duration.between(since, clock.instant());
        Cause cause = Cause.paused(pausedFor);
        String details = "Container has been paused since " + time(since) + " (" + human(pausedFor) + ", PAUSE_WARNING_MIN):"
                + " its processes are frozen and it answers nothing until `docker unpause`.";
        return alert(UUID.randomUUID().toString(), severities.of(cause.kind(), container), container, "running",
                Status.PAUSED, details, "", "", cause);
    }

    /**
     * An engine that has not answered for ENGINE_UNREACHABLE_SEC: CRITICAL, once per outage. Its containers are not
     * reported as gone meanwhile, so this one alert stands for all of them.
     *
     * @param engine the engine's name among DOCKER_HOSTS, or null for the single engine of DOCKER_HOST
     */
    public Alert engineUnreachable(String engine, String host, Instant since, String why) {
        String details = "The Docker engine at " + host + " has not answered since " + time(since) + " ("
                + human(Duration.between(since, clock.instant())) + "): " + why + ". Its containers are not watched"
                + " until it answers again; they are not reported as gone meanwhile.";
        return alert(outageId(engine, since, "unreachable"), Severity.CRITICAL, engineView(engine, host), "reachable",
                "unreachable", details, "", "");
    }

    /** The engine of an {@link #engineUnreachable} alert answers again: INFO, and its containers are polled at once. */
    public Alert engineReachable(String engine, String host, Instant since) {
        String details = "The Docker engine at " + host + " answers again, after " + human(Duration.between(since,
                clock.instant())) + " without an answer (since " + time(since) + "). Its containers are watched again.";
        return alert(outageId(engine, since, "reachable"), Severity.INFO, engineView(engine, host), "unreachable",
                "reachable", details, "", "");
    }

    /** An engine as alerts name it: container "dockerd" of project "engine", on the engine itself. */
    private static ContainerView engineView(String engine, String host) {
        return new ContainerView("", ENGINE_CONTAINER, host, ENGINE_PROJECT, null, null, true,
                Health.NONE, "", Map.of(), engine);
    }

    private static String outageId(String engine, Instant since, String what) {
        return UUID.nameUUIDFromBytes((engine + "|" + since + "|" + what).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The id of the alert a confirmation gives, the same however often the confirmation is run (a retry, a re-run after
     * a restart), so the outbox queues it once.
     */
    private static String confirmedId(Transition pending) {
        return UUID.nameUUIDFromBytes((pending.key() + "|" + pending.change() + "|" + pending.at())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The wait as it was: the configured one, or less when the confirmation was completed early (the aggregator's
     * forceCompletion through JMX), so an alert never claims a longer wait than there was.
     */
    private Duration waitedFor(Transition pending, Duration wait) {
        Duration elapsed = Duration.between(pending.at(), clock.instant());
        return elapsed.compareTo(wait) < 0 && !elapsed.isNegative() ? elapsed : wait;
    }

    /** Healthy (or running, without a health check) again after an alert: INFO, saying how long it was down. */
    public Alert recovery(Transition recovered) {
        Duration down = Duration.between(recovered.troubleSince(), recovered.at());
        String was = recovered.alertedAs() != null ? recovered.alertedAs() : recovered.from();
        String details = ("healthy".equals(recovered.to()) ? "Container recovered to healthy status"
                : "Container is running again") + " after being " + was + " for " + human(down) + " (since "
                + time(recovered.troubleSince()) + ").";
        return alert(Severity.INFO, recovered.container(), was, recovered.to(), details, "", "");
    }

    /**
     * Went unhealthy and came back {@code returns} times within {@code window} (FLAPPING_COUNT, FLAPPING_WINDOW_MIN):
     * WARNING, once, although each spell may have been too short to be confirmed and alerted on its own.
     */
    public Alert flapping(ContainerView container, int returns, Duration window, Instant since) {
        String details = "Container went unhealthy and came back " + returns + " times within " + minutes(window)
                + " minute(s) (FLAPPING_COUNT, FLAPPING_WINDOW_MIN), flapping since " + time(since)
                + ". It is not reported as flapping again until it has had no unhealthy spell for " + minutes(window)
                + " minute(s).";
        return alert(Severity.WARNING, container, "healthy", "flapping", details, "", "");
    }

    /** A flapping container with no unhealthy spell for the whole window: INFO, the end of the flapping alert. */
    public Alert stable(ContainerView container, Duration window, Instant flappingSince, int returns, Instant lastReturn) {
        String details = "Container has had no unhealthy spell for " + minutes(window) + " minute(s): stable again."
                + " It was flapping from " + time(flappingSince) + " to " + time(lastReturn) + " and came back "
                + returns + " times in that time.";
        return alert(Severity.INFO, container, "flapping", "stable", details, "", "");
    }

    /**
     * An alert about something the monitor did or noticed beyond a status change: an auto-heal restart or
     * quarantine, a restart loop, a log pattern. {@code to} names it ("restarted", "quarantined", ...).
     */
    public Alert action(Severity severity, ContainerView container, String from, String to, String details, String logs) {
        return alert(severity, container, from, to, details, "", logs.stripTrailing());
    }

    /** The alert of --test-alert: it names itself a test so nobody acts on it. */
    public Alert test() {
        ContainerView self = new ContainerView("test", "docker-health-monitor-test", "docker-health-monitor", null, null,
                null, true, Health.HEALTHY, "");
        return alert(Severity.INFO, self, "healthy", "healthy", "This is a test alert from docker-health-monitor"
                + " --test-alert on " + serverName + ". Nothing is wrong; it checks that alerts reach you.", "", "");
    }

    private Alert alert(Severity severity, ContainerView container, String from, String to, String details,
                        String healthOutput, String logs) {
        return alert(UUID.randomUUID().toString(), severity, container, from, to, details, healthOutput, logs);
    }

    private Alert alert(String id, Severity severity, ContainerView container, String from, String to, String details,
                        String healthOutput, String logs) {
        return alert(id, severity, container, from, to, details, healthOutput, logs, null);
    }

    private Alert alert(String id, Severity severity, ContainerView container, String from, String to, String details,
                        String healthOutput, String logs, Cause cause) {
        return new Alert(id, severity, serverName, container.project(), container.name(),
                container.id(), container.image(), from == null ? "unknown" : from, to, ZonedDateTime.now(clock),
                details, healthOutput, logs, List.of(), List.of(), List.of(), container.engine(), cause);
    }

    private String time(Instant instant) {
        return AlertText.TIME.format(instant.atZone(clock.getZone()));
    }

    private static String minutes(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).divide(BigDecimal.valueOf(60_000), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }
}
