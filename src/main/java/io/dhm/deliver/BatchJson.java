package io.dhm.deliver;

import io.dhm.alert.Alert;
import io.dhm.alert.Cause;
import io.dhm.alert.AlertText;
import io.dhm.alert.Evidence;
import io.dhm.alert.Inert;
import io.dhm.alert.Severity;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The JSON document a webhook or a Camel endpoint (channel "endpoint") receives for one {@link Batch}: one alert, or a group of alerts for the same URL.
 * Version 1 of the document is
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "server": "Production",
 *   "count": 1,
 *   "alerts": [
 *     {
 *       "alert_id": "…",
 *       "severity": "CRITICAL",            // CRITICAL, ERROR, WARNING or INFO
 *       "server": "Production",
 *       "project": "shop",                 // null for a container outside compose
 *       "container": "shop-web-1",
 *       "engine": "web2",                  // the container's engine when the monitor watches several
 *                                          // (DOCKER_HOSTS), else null
 *       "container_id": "0123456789ab…",
 *       "image": "shop/web:1.0",
 *       "from": "healthy",
 *       "to": "unhealthy",
 *       "time": "2025-03-01T10:15:00+01:00", // ISO-8601 with offset
 *       "details": "Container remained unhealthy after 15 minute(s).",
 *       "headline": "Exited with code 3",  // what the subject names: the cause, or what the monitor did
 *       "cause": {                         // why it was raised; null for resources, tests and heal notices
 *         "kind": "exited",                // unhealthy, exited, oom_killed, crash_restarts, stopped, paused,
 *                                          // not_found
 *         "exit_code": 3,                  // the last exit code, or null
 *         "signal": null,                  // the operator's kill signal ("15", "SIGKILL"), or null
 *         "oom": false,                    // killed by the kernel for memory
 *         "restarts": 0,                   // restarts by the restart policy (in the episode for crash_restarts)
 *         "by_operator": false,            // a stop, kill or removal the operator asked for
 *         "memory_limit": null             // bytes, or null without a limit
 *       },
 *       "health_output": "…",              // empty when there was none
 *       "logs": "…",                       // empty when there were none
 *       "dependents": ["shop-api-1"],      // failing containers that depend on this one, whose alerts are folded
 *                                          // into this one (ROOT_CAUSE_FOLDING); usually empty
 *       "timeline": [                      // a problem alert's evidence, oldest first; empty for a notice
 *         {
 *           "time": "2025-03-01T10:14:58.120+01:00",
 *           "kind": "health",              // health, check, exit, start, oom, image, status, heal, signal,
 *                                          // resource, state (the container when the alert was made) or monitor
 *           "summary": "health check failed, exit code 1",
 *           "detail": "connection refused", // the output that goes with it, or empty
 *           "exit_code": 1                 // a health check's or the container's, or null
 *         }
 *       ]
 *     }
 *   ],
 *   "text": "…",      // the subject and short details, at most 3000 characters, &, < and > as entities:
 *                     // Slack, Mattermost, Teams
 *   "content": "…",   // the same text for Discord: markdown and mentions escaped, at most 2000 characters
 *   "allowed_mentions": {"parse": []}  // Discord: the message pings no one
 * }
 * }</pre>
 *
 * <p>{@code text} and {@code content} let chat incoming webhooks show the alert without a translation step; a
 * receiver of its own reads {@code alerts}. Fields may be added within version 1; a change to a field's name or
 * meaning gives a new version.
 */
public final class BatchJson {

    public static final int VERSION = 1;

    /** Slack truncates longer messages and asks for at most 4000; 3000 keeps Mattermost and Teams readable too. */
    public static final int TEXT_LIMIT = 3000;

    /** Discord rejects a {@code content} longer than 2000 characters. */
    public static final int CONTENT_LIMIT = 2000;

    /** One alert's details line in {@code text} is cut to this many characters. */
    static final int DETAIL_LIMIT = 300;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** The top-level document. */
    @JsonPropertyOrder({"version", "server", "count", "alerts", "text", "content", "allowed_mentions"})
    record Document(int version, String server, int count, List<AlertJson> alerts, String text, String content,
                    @JsonProperty("allowed_mentions") AllowedMentions allowedMentions) {
    }

    /** Discord's switch for the pings a message may make: none, whatever the text says. */
    record AllowedMentions(List<String> parse) {
        static final AllowedMentions NONE = new AllowedMentions(List.of());
    }

    /** One alert in {@code alerts}. */
    @JsonPropertyOrder({"alert_id", "severity", "server", "project", "container", "engine", "container_id", "image", "from", "to",
            "time", "details", "headline", "cause", "health_output", "logs", "dependents", "timeline"})
    record AlertJson(@JsonProperty("alert_id") String alertId, Severity severity, String server, String project,
                     String container, @JsonProperty("container_id") String containerId, String image, String from,
                     String to, OffsetDateTime time, String details,
                     @JsonProperty("health_output") String healthOutput, String logs, List<String> dependents,
                     List<EvidenceJson> timeline, String engine, String headline, CauseJson cause) {

        static AlertJson of(Alert alert) {
            return new AlertJson(alert.id(), alert.severity(), alert.server(), alert.project(), alert.container(),
                    alert.containerId(), alert.image(), alert.fromStatus(), alert.toStatus(),
                    alert.time() == null ? null : alert.time().toOffsetDateTime(), alert.details(),
                    alert.healthOutput(), alert.logs(), alert.dependents(),
                    alert.timeline().stream().map(row -> EvidenceJson.of(row, alert.time())).toList(), alert.engine(),
                    alert.headline(), CauseJson.of(alert.cause()));
        }
    }

    /** An alert's {@code cause}: the kind of trouble and what the engine said of the exit. */
    @JsonPropertyOrder({"kind", "exit_code", "signal", "oom", "restarts", "by_operator", "memory_limit"})
    record CauseJson(String kind, @JsonProperty("exit_code") Long exitCode, String signal, boolean oom, Integer restarts,
                     @JsonProperty("by_operator") boolean byOperator, @JsonProperty("memory_limit") Long memoryLimit) {

        static CauseJson of(Cause cause) {
            return cause == null ? null : new CauseJson(cause.kind(), cause.exitCode(), cause.signal(), cause.oom(),
                    cause.restarts(), cause.byOperator(), cause.memoryLimit());
        }
    }

    /** One row of an alert's {@code timeline}, its time in the alert's offset. */
    @JsonPropertyOrder({"time", "kind", "summary", "detail", "exit_code"})
    record EvidenceJson(OffsetDateTime time, String kind, String summary, String detail,
                        @JsonProperty("exit_code") Long exitCode) {

        static EvidenceJson of(Evidence row, ZonedDateTime alertTime) {
            return new EvidenceJson(row.at().atZone(alertTime == null ? ZoneOffset.UTC : alertTime.getZone()).toOffsetDateTime(),
                    row.kind(), row.summary(), row.detail(), row.exitCode());
        }
    }

    private BatchJson() {
    }

    /** The JSON document for a batch; {@code text} renders the subject line with the operator's templates. */
    public static String json(Batch batch, AlertText text) {
        try {
            return MAPPER.writeValueAsString(document(batch, text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook payload for alerts " + batch.alertIds(), e);
        }
    }

    static Document document(Batch batch, AlertText alertText) {
        List<Alert> alerts = batch.alerts();
        String summary = alerts.isEmpty() ? "" : Inert.lines(summary(alerts, alertText));
        // each chat reads its own markup: escaped per service, then cut to its limit
        return new Document(VERSION, alerts.isEmpty() ? null : alerts.get(0).server(), alerts.size(),
                alerts.stream().map(AlertJson::of).toList(), cut(Inert.slack(summary), TEXT_LIMIT),
                cut(Inert.discord(summary), CONTENT_LIMIT), AllowedMentions.NONE);
    }

    /**
     * The subject line, then one short line per alert: what changed, and why. The full body (the actions, the
     * healthcheck output, the logs) stays in {@code alerts}, since chat messages are read at a glance.
     */
    static String summary(List<Alert> alerts, AlertText alertText) {
        StringBuilder text = new StringBuilder(alertText.subject(alerts));
        for (Alert alert : alerts) {
            text.append('\n')
                    .append(alerts.size() > 1 ? "• " + alert.severity() + " " : "")
                    .append('[').append(alert.projectLabel()).append("] ").append(alert.qualifiedContainer())
                    .append(": ").append(alert.fromStatus()).append(" → ").append(alert.toStatus())
                    .append(" on ").append(alert.server())
                    .append(" at ").append(alert.time() == null ? "?" : AlertText.TIME.format(alert.time()));
            if (alert.details() != null && !alert.details().isBlank()) {
                text.append(" — ").append(cut(alert.details().strip().replaceAll("\\s*\\R\\s*", " "), DETAIL_LIMIT));
            }
            if (text.length() > TEXT_LIMIT) {
                break;
            }
        }
        return text.toString();
    }

    /** {@code text} cut to at most {@code limit} characters, ending in "…" when cut, never splitting a surrogate pair. */
    public static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = limit - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + "…";
    }
}
