package io.dhm.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dhm.DocBlocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Camel's tools against the packaged jar, each turned on by its setting: what camel-jbang reads from the CLI
 * connector (~/.camel/PID-status.json for `camel ps`, `camel get route`, `camel get properties`; a route dump asked
 * for through PID-action.json as `camel get route-dump` does), and Jolokia at /observe/jolokia answering what hawtio
 * asks when it attaches, and docs/camel-users.md's commands for JMX, the developer console, route dumps and Jolokia run
 * as written. None of them shows a secret, the monitor's or one a user's route reads in a header or writes
 * in an endpoint URI ({{smtp.pass}}, which Camel resolves from SMTP_PASS in the environment), and neither does the
 * log. A route stopped and started over Jolokia makes readiness DOWN, then UP, and leaves no meter warning.
 */
@Tag("alone") // the docs' commands find the monitor's JVM by its main class: no other monitor may run (pom.xml)
class CamelToolingIT {

    private static final List<String> SECRETS = List.of("smtp-secret-456", "api-token-secret-789abc", "chat-secret-123");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDir;
    static Path camelDir;
    static MonitorProcess monitor;

    @BeforeAll
    static void start() throws Exception {
        SandboxEngine engine = new SandboxEngine();
        Path home = Files.createDirectories(workDir.resolve("home"));
        camelDir = home.resolve(".camel");
        Files.writeString(workDir.resolve("application.properties"), "team.room=ops-room\nteam.chat.token=" + SECRETS.get(2) + "\n");
        Files.writeString(Files.createDirectories(workDir.resolve("routes")).resolve("team.camel.yaml"), """
                - route:
                    id: team-chat
                    from:
                      uri: direct:team-chat
                      steps:
                        - setHeader:
                            name: Authorization
                            simple: "Bearer {{team.chat.token}}"
                        - to: "log:{{team.room}}"
                        - to: "https://chat.example.com/hooks/{{team.chat.token}}"
                        - to: "smtp://127.0.0.1:2525?username=monitor&password={{smtp.pass}}"
                """);
        monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", engine.dockerHost,
                "SMTP_HOST", "127.0.0.1", "SMTP_USER", "monitor", "SMTP_PASS", SECRETS.get(0), "API_TOKEN", SECRETS.get(1),
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com",
                "CLI_CONNECTOR_ENABLED", "1", "JOLOKIA_ENABLED", "1", "DEV_CONSOLE_ENABLED", "1"), List.of("-Duser.home=" + home));
    }

    @AfterAll
    static void stop() throws Exception {
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    void theCamelCliSeesTheMonitorItsRoutesAndPropertiesButNoSecret() {
        Set<String> pipeline = Set.of("poll-engine", "decide", "confirm-after-wait", "dispatch", "deliver", "channel-smtp",
                "auto-heal", "team-chat");
        // the connector rewrites the file every second; wait for one written once every route has started
        JsonNode status = await().atMost(Duration.ofSeconds(30)).until(CamelToolingIT::status,
                json -> json.isPresent() && routeIds(json.get()).containsAll(pipeline)).orElseThrow();

        assertEquals("docker-health-monitor", status.path("context").path("name").asText());
        Set<String> properties = new HashSet<>();
        status.path("properties").path("properties").forEach(p -> properties.add(p.path("key").asText()));
        assertTrue(properties.contains("team.room"), "a user's key is a route property");
        assertNoSecret(status.toString());
    }

    @Test
    void aRouteDumpThroughTheCliIsYamlWithTheSecretsMasked() throws Exception {
        Path status = await().atMost(Duration.ofSeconds(30)).until(CamelToolingIT::statusFile, Optional::isPresent).orElseThrow();
        String pid = status.getFileName().toString().replace("-status.json", "");
        Path output = camelDir.resolve(pid + "-output.json");
        Files.deleteIfExists(output);
        Files.writeString(camelDir.resolve(pid + "-action.json"),
                "{\"action\":\"route-dump\",\"filter\":\"team-chat\",\"format\":\"yaml\",\"uriAsParameters\":\"false\"}");
        String answer = await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(output) ? Files.readString(output) : "",
                text -> text.contains("team-chat"));
        StringBuilder yaml = new StringBuilder();
        JSON.readTree(answer).path("routes").path(0).path("code").forEach(line -> yaml.append(line.path("code").asText()).append('\n'));
        assertTrue(yaml.toString().contains("id: team-chat"), answer);
        assertTrue(yaml.toString().contains("uri: log:ops-room"), yaml.toString());
        assertTrue(yaml.toString().contains("password=********"), yaml.toString());
        assertNoSecret(answer);
    }

    @Test
    void jolokiaAnswersWhatHawtioAsksWithoutASecret() throws Exception {
        JsonNode version = jolokia("{\"type\":\"version\"}");
        assertTrue(version.path("value").path("agent").asText().startsWith("2."), version.toString());
        JsonNode routes = jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}");
        assertTrue(routes.path("value").toString().contains("name=\\\"decide\\\""), routes.toString());
        JsonNode monitorBean = jolokia("{\"type\":\"read\",\"mbean\":\"io.dhm:type=Monitor\"}");
        assertEquals(200, monitorBean.path("status").asInt(), monitorBean.toString());
        JsonNode dump = jolokia("{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=docker-health-monitor,type=context,"
                + "name=\\\"docker-health-monitor\\\"\",\"operation\":\"dumpRoutesAsYaml(boolean,boolean)\",\"arguments\":[true,false]}");
        assertTrue(dump.path("value").asText().contains("id: team-chat"), dump.toString());
        assertNoSecret(dump.toString());
        JsonNode endpoints = jolokia("{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=docker-health-monitor,type=endpoints,*\"}");
        assertTrue(endpoints.toString().contains("chat.example.com"), endpoints.toString());
        assertNoSecret(endpoints.toString());
    }

    @Test
    void theEndpointListingAndTheLogShowNoSecret() {
        // camel get endpoint reads the connector's status file, which holds the endpoint console's listing
        JsonNode status = await().atMost(Duration.ofSeconds(30)).until(CamelToolingIT::status,
                json -> json.isPresent() && json.get().path("endpoints").toString().contains("chat.example.com")).orElseThrow();
        assertNoSecret(status.path("endpoints").toString());
        assertNoSecret(monitor.output());
    }

    @Test
    void aRouteStoppedOverJolokiaMakesReadinessDownUntilItRunsAgainWithoutAMeterWarning() throws Exception {
        String decide = "org.apache.camel:context=docker-health-monitor,type=routes,name=\\\"decide\\\"";
        jolokia("{\"type\":\"exec\",\"mbean\":\"" + decide + "\",\"operation\":\"stop()\"}");
        HttpResponse<String> down = get("/observe/health/ready");
        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.body().contains("bundled routes not running: decide (stopped)"), down.body());

        jolokia("{\"type\":\"exec\",\"mbean\":\"" + decide + "\",\"operation\":\"start()\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/observe/health/ready").statusCode() == 200);
        assertFalse(monitor.output().contains("already registered"), monitor.tail());
    }

    /**
     * The (first) shell block of each of the docs' tooling sections, run with bash as a reader pastes them, against this monitor: the
     * docs' port 8080 becomes the monitor's, and a {@code jconsole} line, a window, is left out. Each block's output
     * holds what the doc says it shows, and no secret.
     */
    @Test
    void theToolingCommandsOfTheDocsRunAsWritten() throws Exception {
        Map<String, List<String>> shows = Map.of(
                "camel-users.md#JMX", List.of("io.dhm:type=Monitor", "PendingConfirmations", "decide  Started"),
                "camel-users.md#The developer console", List.of("route-dump", "decide", "id: decide", "team.room"),
                "camel-users.md#Route dumps in YAML", List.of("id: team-chat", "log:ops-room"),
                "camel-users.md#Jolokia and hawtio", List.of("\"agent\":\"2.", "PendingConfirmations", "name=\\\"decide\\\""),
                "operations.md#JMX and the console", List.of("java.vm.version", "PendingConfirmations", "decide  Started"));
        for (Map.Entry<String, List<String>> block : shows.entrySet()) {
            String[] pageAndHeading = block.getKey().split("#");
            DocBlocks.Block commands = DocBlocks.of(Path.of("docs", pageAndHeading[0]), "bash").stream()
                    .filter(found -> found.heading().equals(pageAndHeading[1])).findFirst().orElseThrow();
            String output = bash(commands.text().replace("127.0.0.1:8080", "127.0.0.1:" + monitor.httpPort())
                    .replaceAll("(?m)^jconsole .*$", ""));
            for (String expected : block.getValue()) {
                assertTrue(output.contains(expected), commands.where() + " (" + pageAndHeading[1] + ") shows no "
                        + expected + ":\n" + output);
            }
            assertNoSecret(output);
        }
    }

    /**
     * Runs a script with bash in the repository, API_TOKEN set as the docs assume; its output and errors together. The
     * script goes in on standard input, as typed: on bash's command line, a {@code pgrep -f} of it would find bash.
     */
    private static String bash(String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-s").redirectErrorStream(true);
        builder.environment().put("API_TOKEN", SECRETS.get(1));
        Process bash = builder.start();
        try (var input = bash.getOutputStream()) {
            input.write(script.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(60, TimeUnit.SECONDS), script);
        assertEquals(0, bash.exitValue(), script + "\n" + output);
        return output;
    }

    private static void assertNoSecret(String shown) {
        for (String secret : SECRETS) {
            assertFalse(shown.contains(secret), "a secret is shown: " + secret);
        }
    }

    private static JsonNode jolokia(String request) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + monitor.httpPort() + "/observe/jolokia"))
                .header("Authorization", "Bearer " + SECRETS.get(1)) // with API_TOKEN set, Jolokia needs it too
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(answer.body());
        assertEquals(200, json.path("status").asInt(), json.toString());
        return json;
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitor.httpPort() + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> routeIds(JsonNode status) {
        Set<String> routes = new HashSet<>();
        status.path("routes").forEach(route -> routes.add(route.path("routeId").asText()));
        return routes;
    }

    private static Optional<Path> statusFile() throws IOException {
        if (!Files.isDirectory(camelDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(camelDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-status.json")).findFirst();
        }
    }

    private static Optional<JsonNode> status() throws IOException {
        Optional<Path> file = statusFile();
        if (file.isEmpty() || Files.size(file.get()) == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.get().toFile()));
        } catch (IOException halfWritten) {
            return Optional.empty();
        }
    }
}
