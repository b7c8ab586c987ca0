package io.dhm.alert;


import java.io.Serializable;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One alert as every channel sends it. {@code id} is stable for the alert's life so that receivers can dedupe it.
 *
 * @param project    the compose project, or null for a container outside compose
 * @param details      why the alert was raised (the email's "Details" line)
 * @param healthOutput the last healthcheck's exit code and output, or empty
 * @param logs         the last HEALTH_CHECK_LOG_LINES lines of the container's log, or empty
 * @param recipients   email addresses and webhook URLs chosen by the routing rules; empty until the alert is routed
 * @param timeline     the evidence before a problem alert, oldest first (see io.dhm.evidence); empty for the others
 * @param dependents   the containers that depend on this one and are failing too, whose alerts are folded into this
 *                     one (see io.dhm.rootcause); usually empty
 * @param engine       the name of the container's engine when the monitor watches several (DOCKER_HOSTS), else null
 * @param cause        why it was raised (exit code, OOM kill, restarts, the operator's stop), which its headline
 *                     names; null for the alerts that are about no container's trouble (resources, tests)
 */
public record Alert(String id, Severity severity, String server, String project, String container, String containerId,
                    String image, String fromStatus, String toStatus, ZonedDateTime time, String details,
                    String healthOutput, String logs, List<String> recipients, List<Evidence> timeline,
                    List<String> dependents, String engine, Cause cause) implements Serializable {

    public Alert {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        dependents = dependents == null ? List.of() : List.copyOf(dependents);
    }

    /** An alert without a timeline yet. */
    public Alert(String id, Severity severity, String server, String project, String container, String containerId,
                 String image, String fromStatus, String toStatus, ZonedDateTime time, String details,
                 String healthOutput, String logs, List<String> recipients) {
        this(id, severity, server, project, container, containerId, image, fromStatus, toStatus, time, details,
                healthOutput, logs, recipients, List.of(), List.of(), null, null);
    }

    public Alert withRecipients(List<String> routed) {
        return new Alert(id, severity, server, project, container, containerId, image, fromStatus, toStatus, time,
                details, healthOutput, logs, routed, timeline, dependents, engine, cause);
    }

    public Alert withTimeline(List<Evidence> evidence) {
        return new Alert(id, severity, server, project, container, containerId, image, fromStatus, toStatus, time,
                details, healthOutput, logs, recipients, evidence, dependents, engine, cause);
    }

    /** The alert of a failing container that others depend on, naming those failing too; it says so first. */
    public Alert withDependents(List<String> failing, String cause) {
        return new Alert(id, severity, server, project, container, containerId, image, fromStatus, toStatus, time,
                cause + " " + details, healthOutput, logs, recipients, timeline, failing, engine, this.cause);
    }

    /**
     * An alert of a container in trouble (unhealthy, gone, or given up on by auto-heal): its episode lasts until the
     * container recovers, with repeats, so an operator can acknowledge it. A resource or flapping WARNING is over
     * by itself and has no repeats.
     */
    public boolean acknowledgeable() {
        return problem() && List.of("unhealthy", "not_found", "exited", "oom_killed", "quarantined").contains(toStatus);
    }

    /** A problem to act on (CRITICAL, ERROR, WARNING), not a notice. */
    public boolean problem() {
        return severity != Severity.INFO;
    }

    /**
     * What happened, as the subject says it: the cause ("Exited with code 3", "Killed for memory (OOMKilled), limit
     * 32 MiB"), the status change, or what the monitor did or noticed.
     */
    public String headline() {
        if (cause != null) {
            return cause.summary();
        }
        return switch (toStatus) {
            case "running" -> "Running again";
            case "restarted" -> "Restarted by auto-heal";
            case "quarantined" -> "Quarantined by auto-heal";
            case "restart_loop" -> "Restart loop";
            case "log_pattern" -> "Log pattern";
            case "cpu_warning", "cpu_critical" -> "High CPU";
            case "memory_warning", "memory_critical" -> "High memory";
            case "cpu_ok" -> "CPU back to normal";
            case "memory_ok" -> "Memory back to normal";
            case "latency_warning", "latency_critical" -> "Slow responses";
            case "latency_ok" -> "Responses back to normal";
            case "flapping" -> "Flapping";
            case "stable" -> "Stable again";
            case "unreachable" -> "Engine unreachable";
            case "reachable" -> "Engine reachable again";
            default -> "Health Status Changed";
        };
    }

    /** The recipients as one header value. */
    public String recipientLine() {
        return String.join(", ", recipients);
    }

    public String projectLabel() {
        return project != null ? project : "standalone";
    }

    /** The container as alerts name it: {@code engine/container} when the monitor watches several engines. */
    public String qualifiedContainer() {
        return engine == null ? container : engine + "/" + container;
    }

    @Override
    public String toString() {
        return severity + " " + qualifiedContainer() + " [" + projectLabel() + "] " + fromStatus + " → " + toStatus + " (alert " + id + ")";
    }
}
