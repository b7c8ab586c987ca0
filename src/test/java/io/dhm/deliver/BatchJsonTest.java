package io.dhm.deliver;

import io.dhm.alert.Alert;
import io.dhm.alert.AlertText;
import io.dhm.alert.Cause;
import io.dhm.alert.Evidence;
import io.dhm.alert.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "0123456789abcdef0123456789abcdef";

    private final AlertText text = new AlertText(Path.of("no-overrides"));

    private static Alert alert(String id, Severity severity, String project, String container, String details) {
        return new Alert(id, severity, "Production", project, container, ID, "shop/web:1.0", "healthy", "unhealthy",
                ZonedDateTime.of(2025, 3, 1, 11, 15, 0, 0, ZoneId.of("Europe/Berlin")), details,
                "exit code 1: connection refused", "log line 1\nlog line 2", List.of("https://hooks.example.com/x"));
    }

    private JsonNode json(Alert... alerts) throws Exception {
        return JSON.readTree(BatchJson.json(new Batch("webhook", "https://hooks.example.com/x", List.of(alerts)), text));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void oneAlertHasTheDocumentedShape() throws Exception {
        JsonNode json = json(alert("alert-42", Severity.CRITICAL, "shop", "shop-web-1",
                "Container remained unhealthy after 15 minute(s).").withTimeline(List.of(
                new Evidence(Instant.parse("2025-03-01T10:14:58.120Z"), "health", "health check failed, exit code 1",
                        "connection refused", 1L),
                new Evidence(Instant.parse("2025-03-01T10:15:00Z"), "state", "running, restart count 2", "", null))));

        assertEquals(List.of("version", "server", "count", "alerts", "text", "content", "allowed_mentions"), names(json));
        assertEquals(1, json.get("version").asInt());
        assertTrue(json.get("version").isInt());
        assertEquals("Production", json.get("server").asText());
        assertEquals(1, json.get("count").asInt());
        assertEquals(1, json.get("alerts").size());

        JsonNode alert = json.get("alerts").get(0);
        assertEquals(List.of("alert_id", "severity", "server", "project", "container", "engine", "container_id", "image", "from",
                "to", "time", "details", "headline", "cause", "health_output", "logs", "dependents", "timeline"), names(alert));
        assertEquals("Health Status Changed", alert.get("headline").asText());
        assertTrue(alert.get("cause").isNull(), "an alert built without a cause");
        assertEquals(0, alert.get("dependents").size());
        assertEquals("alert-42", alert.get("alert_id").asText());
        assertEquals("CRITICAL", alert.get("severity").asText());
        assertEquals("Production", alert.get("server").asText());
        assertEquals("shop", alert.get("project").asText());
        assertEquals("shop-web-1", alert.get("container").asText());
        assertEquals(ID, alert.get("container_id").asText());
        assertEquals("shop/web:1.0", alert.get("image").asText());
        assertEquals("healthy", alert.get("from").asText());
        assertEquals("unhealthy", alert.get("to").asText());
        assertEquals("2025-03-01T11:15:00+01:00", alert.get("time").asText(), "ISO-8601 with the offset");
        assertEquals("Container remained unhealthy after 15 minute(s).", alert.get("details").asText());
        assertEquals("exit code 1: connection refused", alert.get("health_output").asText());
        assertEquals("log line 1\nlog line 2", alert.get("logs").asText());
        assertFalse(alert.has("recipients"), "routing is not the receiver's business");

        JsonNode failed = alert.get("timeline").get(0);
        assertEquals(List.of("time", "kind", "summary", "detail", "exit_code"), names(failed));
        assertEquals("2025-03-01T11:14:58.12+01:00", failed.get("time").asText(), "in the alert's offset");
        assertEquals("health", failed.get("kind").asText());
        assertEquals("health check failed, exit code 1", failed.get("summary").asText());
        assertEquals("connection refused", failed.get("detail").asText());
        assertEquals(1, failed.get("exit_code").asLong());
        JsonNode state = alert.get("timeline").get(1);
        assertEquals("state", state.get("kind").asText());
        assertTrue(state.get("exit_code").isNull());
    }

    @Test
    void theCauseSaysWhatTheEngineSaidOfTheExit() throws Exception {
        Alert exited = new Alert("a1", Severity.CRITICAL, "Production", null, "oom-1", ID, "img", "running", "oom_killed",
                ZonedDateTime.of(2025, 3, 1, 11, 15, 0, 0, ZoneOffset.UTC), "killed", "", "", List.of(), List.of(),
                List.of(), null, new Cause("oom_killed", "Killed for memory (OOMKilled), limit 32 MiB", 137L, null, true,
                0, false, 32L * 1024 * 1024));
        JsonNode alert = json(exited).get("alerts").get(0);
        assertEquals("Killed for memory (OOMKilled), limit 32 MiB", alert.get("headline").asText());
        JsonNode cause = alert.get("cause");
        assertEquals(List.of("kind", "exit_code", "signal", "oom", "restarts", "by_operator", "memory_limit"), names(cause));
        assertEquals("oom_killed", cause.get("kind").asText());
        assertEquals(137, cause.get("exit_code").asLong());
        assertTrue(cause.get("signal").isNull());
        assertTrue(cause.get("oom").asBoolean());
        assertFalse(cause.get("by_operator").asBoolean());
        assertEquals(32L * 1024 * 1024, cause.get("memory_limit").asLong());
    }

    @Test
    void utcTimesEndInZ() throws Exception {
        Alert utc = new Alert("a", Severity.INFO, "Production", "shop", "web", ID, "img", "unhealthy", "healthy",
                ZonedDateTime.of(2025, 3, 1, 10, 15, 0, 0, ZoneOffset.UTC), "Recovered.", "", "", List.of());
        JsonNode alert = json(utc).get("alerts").get(0);
        assertEquals("2025-03-01T10:15:00Z", alert.get("time").asText());
        assertEquals("", alert.get("health_output").asText());
        assertEquals("", alert.get("logs").asText());
        assertEquals(0, alert.get("timeline").size(), "a notice has no timeline, but the field is always there");
    }

    @Test
    void projectIsNullOutsideCompose() throws Exception {
        JsonNode alert = json(alert("a", Severity.ERROR, null, "api", "Container not found.")).get("alerts").get(0);
        assertTrue(alert.has("project"));
        assertTrue(alert.get("project").isNull());
    }

    @Test
    void textIsTheSubjectAndShortDetails() throws Exception {
        JsonNode json = json(alert("a", Severity.CRITICAL, "shop", "shop-web-1",
                "Container remained unhealthy after 15 minute(s)."));
        String message = json.get("text").asText();
        assertEquals("CRITICAL: [shop] shop-web-1 - Health Status Changed\n"
                + "[shop] shop-web-1: healthy → unhealthy on Production at 2025-03-01 11:15:00 CET"
                + " — Container remained unhealthy after 15 minute(s).", message);
        assertFalse(message.contains("log line"), "logs stay in alerts[]");
        assertEquals("CRITICAL: \\[shop\\] shop-web-1 - Health Status Changed\n"
                + "\\[shop\\] shop-web-1: healthy → unhealthy on Production at 2025-03-01 11:15:00 CET"
                + " — Container remained unhealthy after 15 minute\\(s\\).", json.get("content").asText(),
                "Discord's markdown escaped");
        assertEquals("[]", json.get("allowed_mentions").get("parse").toString(), "Discord pings no one");
    }

    @Test
    void aContainersMarkupIsEscapedForEachChat() throws Exception {
        JsonNode json = json(alert("a", Severity.CRITICAL, "<!channel> @everyone", "web",
                "<https://evil.example|Click> *now*\u0007\u001b[31m"));
        String slack = json.get("text").asText();
        assertTrue(slack.contains("[&lt;!channel&gt; @everyone] web"), slack);
        assertTrue(slack.contains("&lt;https://evil.example|Click&gt; *now*\\x07\\x1B[31m"), slack);
        assertFalse(slack.contains("<") || slack.contains(">"), slack);
        String discord = json.get("content").asText();
        assertTrue(discord.contains("\\[\\<!channel\\> \\@everyone\\] web"), discord);
        assertTrue(discord.contains("\\<https://evil.example\\|Click\\> \\*now\\*"), discord);
        assertEquals("<!channel> @everyone", json.get("alerts").get(0).get("project").asText(), "alerts[] as they are");
    }

    @Test
    void aGroupListsEveryAlert() throws Exception {
        JsonNode json = json(alert("a1", Severity.ERROR, "shop", "shop-db-1", "Container not found."),
                alert("a2", Severity.CRITICAL, null, "api", "Container remained unhealthy."));
        assertEquals(2, json.get("count").asInt());
        assertEquals("a1", json.get("alerts").get(0).get("alert_id").asText());
        assertEquals("a2", json.get("alerts").get(1).get("alert_id").asText());
        String message = json.get("text").asText();
        assertTrue(message.startsWith("CRITICAL: 2 containers on Production - Health Status Changed\n"), message);
        assertTrue(message.contains("\n• ERROR [shop] shop-db-1: healthy → unhealthy"), message);
        assertTrue(message.contains("\n• CRITICAL [standalone] api: healthy → unhealthy"), message);
    }

    @Test
    void longTextIsCutForChatAndMoreForDiscord() throws Exception {
        List<Alert> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(alert("a" + i, Severity.CRITICAL, "shop", "shop-web-" + i, "x".repeat(1000)));
        }
        JsonNode json = json(many.toArray(Alert[]::new));
        String message = json.get("text").asText();
        String content = json.get("content").asText();
        assertEquals(40, json.get("alerts").size(), "alerts[] is never cut");
        assertTrue(message.length() <= BatchJson.TEXT_LIMIT, "text is " + message.length());
        assertTrue(message.length() > 2500, "text is " + message.length());
        assertTrue(message.endsWith("…"));
        assertTrue(content.length() <= BatchJson.CONTENT_LIMIT, "content is " + content.length());
        assertTrue(content.endsWith("…"));
        assertTrue(content.startsWith("CRITICAL: 40 containers on Production"), content);
        assertFalse(message.contains("x".repeat(BatchJson.DETAIL_LIMIT)), "each details line is cut");
    }

    @Test
    void detailsAreOneLine() throws Exception {
        String message = json(alert("a", Severity.CRITICAL, "shop", "web", "first line\n  second line\n"))
                .get("text").asText();
        assertTrue(message.endsWith(" — first line second line"), message);
    }

    @Test
    void cutKeepsShortTextAndNeverSplitsASurrogatePair() {
        assertEquals("abc", BatchJson.cut("abc", 3));
        assertEquals("ab…", BatchJson.cut("abcd", 3));
        String emoji = "a\uD83D\uDE00b"; // a😀b
        assertEquals("a…", BatchJson.cut(emoji, 3));
        assertEquals("a\uD83D\uDE00…", BatchJson.cut(emoji + "cd", 4));
    }
}
