package io.dhm.alert;

import io.dhm.observe.Change;
import io.dhm.observe.Transition;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertTextTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:15:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ID = "0123456789abcdef0123456789abcdef";

    private final AlertText text = new AlertText(java.nio.file.Path.of("no-overrides"));

    private static Alert alert(Severity severity, String project, String container, String from, String to) {
        return new Alert("alert-42", severity, "Production", project, container, ID, "shop/web:1.0", from, to,
                ZonedDateTime.ofInstant(NOW, ZoneOffset.UTC), "Container remained unhealthy after 15 minute(s).",
                "exit code 1: connection refused", "log line 1\nlog line 2", List.of("ops@x.com"));
    }

    private static void assertContains(String haystack, String needle) {
        assertTrue(haystack.contains(needle), () -> "expected '" + needle + "' in:\n" + haystack);
    }

    @Test
    void aContainersTextCannotForgeALineOrACommandInThePlainTextBody() {
        Alert hostile = alert(Severity.CRITICAL, "shop\r\nAcknowledge: https://evil.example/ack; rm -rf ~", "web-1",
                "healthy", "unhealthy");
        String body = text.body(hostile);
        assertTrue(body.lines().noneMatch(line -> line.startsWith("Acknowledge:")), body);
        assertContains(body, "Project:         shop\\x0D\\nAcknowledge: https://evil.example/ack; rm -rf ~\n");
        assertContains(body, "cd /path/to/'shop\\x0D\\nAcknowledge: https://evil.example/ack; rm -rf ~' && docker compose restart");
        assertContains(body, "   docker restart web-1\n");
        assertEquals("CRITICAL: [shop\\x0D\\nAcknowledge: https://evil.example/ack; rm -rf ~] web-1 - Health Status Changed",
                text.subject(hostile));
    }

    @Test
    void subjectForComposeContainer() {
        assertEquals("CRITICAL: [shop] shop-web-1 - Health Status Changed",
                text.subject(alert(Severity.CRITICAL, "shop", "shop-web-1", "healthy", "unhealthy")));
    }

    @Test
    void subjectsOfAutoHealAndTheWatchesSayWhatHappened() {
        assertEquals("INFO: [shop] shop-web-1 - Restarted by auto-heal",
                text.subject(alert(Severity.INFO, "shop", "shop-web-1", "unhealthy", "restarted")));
        assertEquals("CRITICAL: [shop] shop-web-1 - Quarantined by auto-heal",
                text.subject(alert(Severity.CRITICAL, "shop", "shop-web-1", "unhealthy", "quarantined")));
        assertEquals("CRITICAL: [standalone] worker - Restart loop",
                text.subject(alert(Severity.CRITICAL, null, "worker", "running", "restart_loop")));
        assertEquals("ERROR: [standalone] api - Log pattern",
                text.subject(alert(Severity.ERROR, null, "api", "running", "log_pattern")));
    }

    @Test
    void subjectForStandaloneContainer() {
        assertEquals("ERROR: [standalone] api - Health Status Changed",
                text.subject(alert(Severity.ERROR, null, "api", "healthy", Transition.NOT_FOUND)));
    }

    @Test
    void bodyHasTheClassicSections() {
        String body = text.body(alert(Severity.CRITICAL, "shop", "shop-web-1", "healthy", "unhealthy"));
        assertContains(body, "Server:          Production");
        assertContains(body, "Project:         shop");
        assertContains(body, "Container:       shop-web-1");
        assertContains(body, "Status Change:   healthy → unhealthy");
        assertContains(body, "Severity:        CRITICAL");
        assertContains(body, "Time:            2025-03-01 10:15:00 Z");
        assertContains(body, "Details:\n--------\nContainer remained unhealthy after 15 minute(s).");
        assertContains(body, "Action Required:");
        assertContains(body, "docker restart shop-web-1");
        assertContains(body, "cd /path/to/shop && docker compose restart");
        assertContains(body, "Project Context:");
        assertContains(body, "Container id:   0123456789ab");
        assertFalse(body.contains(ID), "the id is shortened to 12 characters");
        assertContains(body, "Image:          shop/web:1.0");
        assertContains(body, "Alert id:       alert-42");
        assertTrue(body.indexOf("Details:") < body.indexOf("Action Required:")
                && body.indexOf("Action Required:") < body.indexOf("Project Context:"), "sections in the classic order");
    }

    @Test
    void bodyForStandaloneErrorUsesStandalone() {
        String body = text.body(alert(Severity.ERROR, null, "api", "healthy", Transition.NOT_FOUND));
        assertContains(body, "Project:         standalone");
        assertContains(body, "Status Change:   healthy → not_found");
        assertContains(body, "docker ps -a | grep api");
    }

    @Test
    void recoverySaysHowLongItWasDown() {
        ContainerView view = new ContainerView(ID, "shop-web-1", "shop/web:1.0", "shop", "web", "1", true, Health.HEALTHY, "");
        Instant since = NOW.minusSeconds(125);
        Transition recovered = new Transition(view, "unhealthy", "healthy", Change.RECOVERED, NOW, since, "healthy", "unhealthy");

        Alert alert = new AlertFactory("Production", CLOCK).recovery(recovered);

        assertEquals(Severity.INFO, alert.severity());
        assertEquals("unhealthy", alert.fromStatus());
        assertEquals("healthy", alert.toStatus());
        assertEquals("shop", alert.project());
        assertEquals("shop-web-1", alert.container());
        assertEquals(ID, alert.containerId());
        assertEquals("Production", alert.server());
        assertEquals(ZonedDateTime.ofInstant(NOW, ZoneOffset.UTC), alert.time());
        assertTrue(alert.recipients().isEmpty());
        assertFalse(alert.id().isBlank());
        assertContains(alert.details(), "after being unhealthy for 2m 5s");
        assertContains(alert.details(), "(since 2025-03-01 10:12:55 Z)");

        String body = text.body(alert);
        assertContains(body, "Status Change:   unhealthy → healthy");
        assertContains(body, "Alert id:       " + alert.id());
        assertEquals("INFO: [shop] shop-web-1 - Health Status Changed", text.subject(alert));
    }

    @Test
    void recoveryNamesTheAlertedStatusEvenWhenTheContainerPassedThroughStarting() {
        ContainerView view = new ContainerView(ID, "api", "img", null, null, null, true, Health.HEALTHY, "");
        Transition recovered = new Transition(view, "starting", "healthy", Change.RECOVERED, NOW, NOW.minusSeconds(65),
                "healthy", "not_found");
        Alert alert = new AlertFactory("Production", CLOCK).recovery(recovered);
        assertEquals("not_found", alert.fromStatus());
        assertContains(alert.details(), "after being not_found for 1m 5s");
    }

    @Test
    void recoveryDurations() {
        assertEquals("45s", AlertFactory.human(java.time.Duration.ofSeconds(45)));
        assertEquals("2m 5s", AlertFactory.human(java.time.Duration.ofSeconds(125)));
        assertEquals("1h 2m", AlertFactory.human(java.time.Duration.ofSeconds(3725)));
    }

    @Test
    void alertIdsAreUnique() {
        ContainerView view = new ContainerView(ID, "api", "img", null, null, null, true, Health.HEALTHY, "");
        Transition recovered = new Transition(view, "unhealthy", "healthy", Change.RECOVERED, NOW, NOW.minusSeconds(5), "healthy", "unhealthy");
        AlertFactory factory = new AlertFactory("Production", CLOCK);
        assertFalse(factory.recovery(recovered).id().equals(factory.recovery(recovered).id()));
    }

    @Test
    void criticalBodyCarriesTheHealthcheckOutputAndTheLogs() {
        String body = text.body(alert(Severity.CRITICAL, "shop", "shop-web-1", "healthy", "unhealthy"));
        assertContains(body, "Last healthcheck: exit code 1: connection refused");
        assertContains(body, "Recent logs:\n\nlog line 1\nlog line 2");
        assertContains(body, "docker inspect --format '{{json .State.Health}}' shop-web-1");
        assertFalse(body.contains("docker compose ps"), "only the CRITICAL actions");
    }

    @Test
    void aGroupIsOneMessageListingEveryAlertThenEachInFull() {
        List<Alert> alerts = List.of(alert(Severity.ERROR, "shop", "shop-db-1", "healthy", "not_found"),
                alert(Severity.CRITICAL, "shop", "shop-web-1", "healthy", "unhealthy"));
        assertEquals("CRITICAL: 2 containers on Production - Health Status Changed", text.subject(alerts));
        String body = text.body(alerts);
        assertContains(body, "- ERROR [shop] shop-db-1: healthy → not_found");
        assertContains(body, "- CRITICAL [shop] shop-web-1: healthy → unhealthy");
        assertContains(body, "Container:       shop-db-1");
        assertContains(body, "Container:       shop-web-1");
    }

    @Test
    void templatesInTheTemplatesFolderOverrideTheBundledOnes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("alert-subject.mustache"), "[{{severity}}] {{container}} on {{server}}");
        AlertText custom = new AlertText(dir);
        Alert alert = alert(Severity.CRITICAL, "shop", "shop-web-1", "healthy", "unhealthy");
        assertEquals("[CRITICAL] shop-web-1 on Production", custom.subject(alert));
        assertContains(custom.body(alert), "Docker Container Health Alert");
    }

    private static Alert withTimeline() {
        return alert(Severity.CRITICAL, "shop", "shop-web-1", "healthy", "unhealthy").withTimeline(List.of(
                new Evidence(NOW.minusSeconds(20), "health", "health check failed, exit code 1",
                        "GET /health <b>refused</b>\nsecond line", 1L),
                new Evidence(NOW, "state", "running, health check failed 3 times in a row, restart count 2", "", null)));
    }

    @Test
    void theTimelineIsATableInTheTextBody() {
        String body = text.body(withTimeline());
        assertContains(body, "Timeline (oldest first, up to the alert):\n-----------------------------------------\n"
                + "10:14:40  health    health check failed, exit code 1\n"
                + "                     | GET /health <b>refused</b>\n"
                + "                     | second line\n"
                + "10:15:00  state     running, health check failed 3 times in a row, restart count 2\n");
    }

    @Test
    void aNoticeHasNoTimelineSection() {
        assertTrue(!text.body(alert(Severity.INFO, "shop", "web", "unhealthy", "healthy")).contains("Timeline"));
    }

    @Test
    void theHtmlPartIsAPageWithTheTimelineTableAndEveryValueEscaped() {
        String html = text.html(List.of(withTimeline()));
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertContains(html, "<td style=\"padding: 2px 10px 2px 0;\">health</td>");
        assertContains(html, "GET /health &lt;b&gt;refused&lt;/b&gt;");
        assertContains(html, "restart count 2");
        assertContains(html, "log line 1");

        String group = text.html(List.of(withTimeline(), alert(Severity.ERROR, null, "api", "healthy", "not_found")));
        assertEquals(1, group.split("<!DOCTYPE html>", -1).length - 1, "one page around both alerts");
        assertContains(group, "[standalone] api: healthy → not_found");
    }
}
