package io.dhm.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What camel-jbang's `camel ps`, `camel get route` and `camel get properties` read: the status the CLI connector of
 * the running jar publishes in ~/.camel/PID-status.json. It names the monitor, lists its routes and the user's
 * properties, and holds no secret, the monitor's or the user's.
 */
class CamelToolingIT {

    private static final List<String> SECRETS = List.of("smtp-secret-456", "api-token-secret-789abc", "chat-secret-123");

    @Test
    void theCamelCliSeesTheMonitorItsRoutesAndPropertiesButNoSecret(@TempDir Path workDir) throws Exception {
        SandboxEngine engine = new SandboxEngine();
        Path home = Files.createDirectories(workDir.resolve("home"));
        Files.writeString(workDir.resolve("application.properties"), "team.room=ops-room\nteam.chat.token=chat-secret-123\n");
        try (MonitorProcess monitor = MonitorProcess.start(workDir, Map.of("DOCKER_HOST", engine.dockerHost,
                "SMTP_HOST", "127.0.0.1", "SMTP_PASS", SECRETS.get(0), "API_TOKEN", SECRETS.get(1),
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com"), List.of("-Duser.home=" + home))) {
            monitor.awaitLog("running containers with a healthcheck", Duration.ofSeconds(60));
            Path camelDir = home.resolve(".camel");
            Set<String> pipeline = Set.of("poll-engine", "decide", "confirm-after-wait", "dispatch", "deliver", "channel-smtp");
            // the connector rewrites the file every second; wait for one written once every route has started
            JsonNode status = await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(camelDir),
                    json -> json.isPresent() && routeIds(json.get()).containsAll(pipeline)).orElseThrow();

            assertEquals("docker-health-monitor", status.path("context").path("name").asText());
            Set<String> properties = new HashSet<>();
            status.path("properties").path("properties").forEach(p -> properties.add(p.path("key").asText()));
            assertTrue(properties.contains("team.room"), "a user's key is a route property");
            String published = status.toString();
            for (String secret : SECRETS) {
                assertFalse(published.contains(secret), "the published status shows a secret");
            }
        }
    }

    private static Set<String> routeIds(JsonNode status) {
        Set<String> routes = new HashSet<>();
        status.path("routes").forEach(route -> routes.add(route.path("routeId").asText()));
        return routes;
    }

    private static Optional<JsonNode> statusOf(Path camelDir) throws Exception {
        if (!Files.isDirectory(camelDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(camelDir)) {
            Optional<Path> status = files.filter(f -> f.getFileName().toString().endsWith("-status.json")).findFirst();
            if (status.isEmpty() || Files.size(status.get()) == 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(new ObjectMapper().readTree(status.get().toFile()));
            } catch (java.io.IOException halfWritten) {
                return Optional.empty();
            }
        }
    }
}
