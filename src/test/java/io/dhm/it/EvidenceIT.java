package io.dhm.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evidence timeline end to end: the packaged jar against the sandbox engine, a 6 s confirm wait, every alert by
 * email (text and HTML) and to a webhook receiver on 127.0.0.1. The first mail and webhook body of each case are kept
 * in target/evidence-examples/ (docs/alerts-and-routing.md shows such a pair).
 */
class EvidenceIT extends EmailedMonitor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("target", "evidence-examples");
    private static final List<JsonNode> hooks = new CopyOnWriteArrayList<>();
    /** Each alert received, and the document it came in. */
    private static final Map<JsonNode, JsonNode> documents = new java.util.concurrent.ConcurrentHashMap<>();
    private static HttpServer receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            JsonNode document = JSON.readTree(exchange.getRequestBody().readAllBytes());
            document.get("alerts").forEach(alert -> documents.put(alert, document));
            hooks.add(document);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        startMonitor(Map.of(
                "WAIT_AND_CHECK_AGAIN_MIN", "0.1",
                "ALERT_GROUP_WAIT_SEC", "0",
                "WEBHOOK_URLS", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
        Files.createDirectories(EXAMPLES);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    /** The webhook's alert about this container with this severity, once it has arrived. */
    private static JsonNode hook(String container, String severity) {
        await().atMost(Duration.ofSeconds(30)).until(() -> find(container, severity) != null);
        return find(container, severity);
    }

    private static JsonNode find(String container, String severity) {
        return hooks.stream().flatMap(doc -> StreamSupport.stream(doc.get("alerts").spliterator(), false))
                .filter(alert -> container.equals(alert.get("container").asText()) && severity.equals(alert.get("severity").asText()))
                .findFirst().orElse(null);
    }

    private static void keep(String name, Mails.Mail mail, JsonNode hook) throws IOException {
        Files.writeString(EXAMPLES.resolve(name + ".txt"), "Subject: " + mail.subject() + "\n\n" + mail.body(), StandardCharsets.UTF_8);
        Files.writeString(EXAMPLES.resolve(name + ".html"), mail.html(), StandardCharsets.UTF_8);
        Files.writeString(EXAMPLES.resolve(name + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(documents.get(hook)),
                StandardCharsets.UTF_8);
    }

    private static List<JsonNode> rows(JsonNode alert, String kind) {
        return StreamSupport.stream(alert.get("timeline").spliterator(), false)
                .filter(row -> kind.equals(row.get("kind").asText())).toList();
    }

    @Test
    void aCriticalAlertCarriesTheFailingHealthChecksTheirExitCodesTheExitAndTheRestartCount() throws Exception {
        String name = SandboxEngine.unique("evidence-api");
        String id = engine.startExplaining(name, Map.of());
        monitor.awaitLog(name + " [standalone]", Duration.ofSeconds(20));
        engine.makeExit(id); // exits with code 3; its restart policy starts it again
        await().atMost(Duration.ofSeconds(20)).until(() -> engine.restartCount(id) == 1 && engine.running(id));
        engine.awaitHealth(id, "healthy");
        engine.makeUnhealthy(id);

        Mails.Mail mail = mails.await(name, "CRITICAL", Duration.ofSeconds(60));
        JsonNode hook = hook(name, "CRITICAL");
        keep("critical", mail, hook);

        assertTrue(mail.body().contains("Timeline (oldest first, up to the alert):"), mail.body());
        assertTrue(mail.body().contains("health    health check failed, exit code 1\n"
                + "                     | backend refused: /tmp/ok is missing"), mail.body());
        assertTrue(mail.body().contains("exit      exited with code 3"), mail.body());
        assertTrue(mail.body().contains("restart count 1"), mail.body());
        assertNotNull(mail.html(), "the mail has an HTML part");
        assertTrue(mail.html().contains("<td style=\"padding: 2px 10px 2px 0;\">health</td>"), mail.html());
        assertTrue(mail.html().contains("backend refused: /tmp/ok is missing"), mail.html());

        List<JsonNode> failed = rows(hook, "health").stream()
                .filter(row -> row.get("exit_code").asLong() == 1).toList();
        assertTrue(failed.size() >= 2, "the failing streak: " + hook.get("timeline"));
        assertEquals("backend refused: /tmp/ok is missing", failed.get(0).get("detail").asText());
        JsonNode state = rows(hook, "state").get(0);
        assertTrue(state.get("summary").asText().startsWith("running, health check failed "), state.toString());
        assertTrue(state.get("summary").asText().endsWith("restart count 1"), state.toString());
        assertEquals(3, rows(hook, "exit").get(0).get("exit_code").asLong(), hook.get("timeline").toString());
        assertTrue(rows(hook, "status").stream().anyMatch(row -> row.get("summary").asText().startsWith("healthy → unhealthy")),
                hook.get("timeline").toString());
    }

    @Test
    void anOomKilledContainerIsAlertedAsKilledForMemoryWithItsLimit() throws Exception {
        String name = SandboxEngine.unique("evidence-oom");
        // a shell that reads 256 MB into a variable when /tmp/eat appears, under a 32 MB limit without swap
        String id = engine.startMonitoredRunning(name, "while true; do if [ -f /tmp/eat ]; then "
                + "x=$(head -c 268435456 /dev/zero | tr '\\0' a); fi; sleep 1; done", 32L << 20);
        monitor.awaitLog(name + " [standalone]", Duration.ofSeconds(20));
        engine.exec(id, "touch", "/tmp/eat");
        await().atMost(Duration.ofSeconds(20)).until(() -> !engine.running(id));

        Mails.Mail mail = mails.await(name, "CRITICAL", Duration.ofSeconds(60));
        JsonNode hook = hook(name, "CRITICAL");
        keep("oom", mail, hook);

        assertTrue(mail.subject().endsWith(" - Killed for memory (OOMKilled), limit 32 MiB"), mail.subject());
        assertTrue(mail.body().startsWith("Docker Container Health Alert: Killed for memory (OOMKilled), limit 32 MiB\n"),
                mail.body());
        assertEquals("oom_killed", hook.get("cause").get("kind").asText());
        assertEquals(32L << 20, hook.get("cause").get("memory_limit").asLong());
        assertTrue(mail.body().contains("exited with code 137, OOMKilled"), mail.body());
        assertTrue(mail.html().contains("OOMKilled"), mail.html());
        JsonNode exit = rows(hook, "exit").get(0);
        assertEquals("exited with code 137, OOMKilled", exit.get("summary").asText());
        assertEquals(137, exit.get("exit_code").asLong());
    }
}
