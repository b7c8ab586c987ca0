package io.dhm.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser: the packaged monitor against the sandbox engine, with an API token, and Debian's
 * Chromium driven by Playwright (src/test/browser/dashboard.spec.mjs, run with node; scripts/browser-tools.sh installs
 * Chromium and playwright-core when missing, and a missing Node.js fails the test, it does not skip it).
 *
 * <p>A silence created in the page mutes the container's alert: the alert is recorded with every copy SILENCED and
 * the SMTP server receives nothing; the silence is then deleted in the page. The filter box stays quick with 1,000
 * containers, a pending confirmation counts down and Unquarantine sends the token (for these the browser test answers
 * /api/containers itself). The page with a few real containers is saved as a screenshot: target/dashboard.png, or
 * the path given with -Ddashboard.screenshot=docs/dashboard.png (the README's picture).
 */
class DashboardIT extends EmailedMonitor {

    private static final String TOKEN = "dashboard-it-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SILENCED = "shop-worker-1";

    private static BrowserScript browser;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        browser = BrowserScript.of("dashboard.spec.mjs");
        startMonitor(Map.of(
                "API_TOKEN", TOKEN,
                "WAIT_AND_CHECK_AGAIN_MIN", "0.05",
                "SERVER_NAME", "staging-eu-1"));
        url = "http://127.0.0.1:" + monitor.httpPort();
    }

    @Test
    void aSilenceCreatedInTheDashboardMutesTheContainersAlert() throws Exception {
        engine.startMonitored("shop-web-1", compose("shop", "web"));
        engine.startMonitored("shop-db-1", compose("shop", "db"));
        String worker = engine.startMonitored(SILENCED, compose("shop", "worker"));
        engine.startMonitored("billing-api-1", compose("billing", "api"));
        engine.start("billing-cron-1", compose("billing", "cron"), "sleep 3600", false, false, null);
        engine.startMonitored("edge-proxy", Map.of());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> "healthy".equals(container(SILENCED).path("status").asText()));

        runStep("silence", Map.of("DHM_CONTAINER", SILENCED));

        JsonNode silences = get("/api/silences");
        assertEquals(1, silences.size(), "one silence: " + silences);
        assertEquals(SILENCED, silences.get(0).path("container").asText());
        assertEquals("maintenance window (dashboard test)", silences.get(0).path("reason").asText());

        engine.makeUnhealthy(worker);
        List<JsonNode> deliveries = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode alerts = get("/api/alerts?container=" + SILENCED);
            for (JsonNode record : alerts) {
                if ("unhealthy".equals(record.path("alert").path("toStatus").asText())) {
                    deliveries.clear();
                    record.path("deliveries").forEach(deliveries::add);
                    return true;
                }
            }
            return false;
        });
        assertFalse(deliveries.isEmpty(), "the silenced alert is recorded with its copies");
        for (JsonNode delivery : deliveries) {
            assertEquals("SILENCED", delivery.path("status").asText(), "copy " + delivery);
            assertEquals(0, delivery.path("attempts").asInt(), "copy " + delivery);
        }
        assertTrue(deliveries.stream().anyMatch(d -> "smtp".equals(d.path("channel").asText())
                && "ops@example.com".equals(d.path("target").asText())), "the email copy is among them: " + deliveries);
        // the sender looks at the outbox every second: it has a few goes, and sends nothing
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> mails.all().isEmpty());

        Path screenshot = Path.of(System.getProperty("dashboard.screenshot", "target/dashboard.png")).toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        runStep("screenshot", Map.of("DHM_CONTAINER", SILENCED, "DHM_SCREENSHOT", screenshot.toString()));
        assertTrue(Files.size(screenshot) > 20_000, "a real screenshot: " + screenshot);
        assertEquals(0, get("/api/silences").size(), "the silence was deleted in the page");
        assertEquals(List.of(), mails.all(), "still nothing emailed");
    }

    @Test
    void theFilterNarrowsAThousandContainersQuickly() throws Exception {
        runStep("scale", Map.of());
    }

    @Test
    void withSeveralEnginesTheRowsGroupsAndHeaderNameTheEngines() throws Exception {
        runStep("engines", Map.of());
    }

    @Test
    void pendingTimeLeftCountsDownAndUnquarantineAndAcknowledgeSendTheToken() throws Exception {
        runStep("actions", Map.of());
    }

    private static Map<String, String> compose(String project, String service) {
        return Map.of("com.docker.compose.project", project, "com.docker.compose.service", service,
                "com.docker.compose.container-number", "1");
    }

    private static JsonNode container(String name) throws IOException, InterruptedException {
        for (JsonNode container : get("/api/containers")) {
            if (name.equals(container.path("name").asText())) {
                return container;
            }
        }
        return JSON.missingNode();
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "GET " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** One step of the browser script; its output is printed and kept under target/it-logs. */
    private static void runStep(String step, Map<String, String> environment) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(environment);
        env.put("DHM_URL", url);
        env.put("DHM_TOKEN", TOKEN);
        browser.run("dashboard-" + step, step, env);
    }
}
