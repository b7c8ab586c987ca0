package io.dhm.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Camel CLI itself (camel-jbang-core through scripts/camel, as docs/camel-users.md shows it) against the packaged
 * jar with the CLI connector on: every command of the docs, what each shows, and no secret in any output or in any of
 * the CLI's files in ~/.camel (a user's token and the SMTP password, both written into a user's route).
 */
class CamelCliIT {

    private static final List<String> SECRETS = List.of("smtp-secret-456", "user-token-secret-987");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path workDir;
    static Path home;
    static MonitorProcess monitor;
    static final List<String> shown = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        SandboxEngine engine = new SandboxEngine();
        home = Files.createDirectories(workDir.resolve("home"));
        Files.writeString(workDir.resolve("application.properties"), "team.room=ops-room\nmy.api.token=" + SECRETS.get(1) + "\n");
        Files.writeString(Files.createDirectories(workDir.resolve("routes")).resolve("team.camel.yaml"), teamRoute("team-chat"));
        monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", engine.dockerHost, "SMTP_HOST", "127.0.0.1",
                "SMTP_USER", "monitor", "SMTP_PASS", SECRETS.get(0), "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com",
                "CLI_CONNECTOR_ENABLED", "1"), List.of("-Duser.home=" + home));
    }

    private static String teamRoute(String id) {
        return """
                - route:
                    id: %s
                    from:
                      uri: direct:%s
                      steps:
                        - setHeader:
                            name: Authorization
                            simple: "Bearer {{my.api.token}}"
                        - to: "log:{{team.room}}"
                        - to: "https://chat.example.com/hooks/{{my.api.token}}"
                        - to: "smtp://127.0.0.1:2525?username=monitor&password={{smtp.pass}}"
                """.formatted(id, id);
    }

    @AfterAll
    static void stop() throws Exception {
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    void theCliSeesTheMonitorItsRoutesHealthPropertiesAndEndpointsWithoutASecret() throws Exception {
        assertTrue(camelUntil(out -> out.contains("docker-health-monitor"), "ps").contains("docker-health-monitor"));
        String routes = camelUntil(out -> out.contains("team-chat") && out.contains("decide"), "get", "route");
        assertTrue(routes.contains("Started"), routes);
        assertTrue(camelUntil(out -> out.contains("decide"), "top", "route").contains("decide"));
        String health = camelUntil(out -> out.contains("bundled-routes"), "get", "health");
        assertTrue(health.contains("dhm/docker"), health);
        String properties = camelUntil(out -> out.contains("team.room"), "get", "properties");
        assertTrue(properties.contains("ops-room") && properties.contains("server.name"), properties);
        assertFalse(properties.contains("my.api.token") || properties.contains("smtp.pass"), properties);
        String endpoints = camelUntil(out -> out.contains("chat.example.com"), "get", "endpoint");
        assertTrue(endpoints.contains("https://chat.example.com/hooks/********"), endpoints);
        assertNoSecretShown();
    }

    @Test
    void aRouteDumpIsYamlWithTheSecretsMasked() throws Exception {
        String dump = camelUntil(out -> out.contains("team-chat"), "get", "route-dump", "--filter=team-chat");
        assertTrue(dump.contains("ops-room"), dump);
        assertNoSecretShown();
    }

    @Test
    void theSourceOfAUserRouteFile() throws Exception {
        String source = camelUntil(out -> out.contains("team-chat"), "get", "source", "--filter=team.camel.yaml");
        assertTrue(source.contains("id: team-chat"), source);
    }

    @Test
    void aRouteStoppedThroughTheCliMakesReadinessDownUntilStartedAgain() throws Exception {
        camel("cmd", "stop-route", "--id=repeat-alerts");
        await().atMost(Duration.ofSeconds(60)).until(() -> ready().body().contains("repeat-alerts"));
        assertEquals(503, ready().statusCode());
        camel("cmd", "start-route", "--id=repeat-alerts");
        await().atMost(Duration.ofSeconds(60)).until(() -> ready().statusCode() == 200);
    }

    @Test
    void theLoggerCommandListsAndChangesLogLevels() throws Exception {
        assertTrue(camelUntil(out -> out.contains("root"), "cmd", "logger").contains("root"));
        // log4j2 has an MBean for each configured logger only: those `camel cmd logger` lists can be changed
        camel("cmd", "logger", "--logger=org.apache.camel.main", "--logging-level=DEBUG");
        camelUntil(out -> out.lines().anyMatch(line -> line.contains("org.apache.camel.main ") && line.contains("DEBUG")),
                "cmd", "logger");
    }

    @Test
    void reloadAppliesAnEditedRouteFile() throws Exception {
        Files.writeString(workDir.resolve("routes").resolve("team.camel.yaml"), teamRoute("team-chat") + teamRoute("team-chat-2"));
        camel("cmd", "reload");
        camelUntil(out -> out.contains("team-chat-2"), "get", "route");
        monitor.awaitLog("reloading every file", Duration.ofSeconds(10));
    }

    private static void assertNoSecretShown() throws IOException {
        List<String> texts = new ArrayList<>(shown);
        try (Stream<Path> files = Files.list(home.resolve(".camel"))) {
            for (Path file : files.toList()) {
                texts.add(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        for (String text : texts) {
            for (String secret : SECRETS) {
                assertFalse(text.contains(secret), "a secret is shown: " + secret);
            }
        }
    }

    private static HttpResponse<String> ready() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitor.httpPort() + "/observe/health/ready"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs the command until its output passes (the status file is rewritten within a second once a CLI reads it). */
    private static String camelUntil(java.util.function.Predicate<String> passes, String... args) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> camel(args), passes);
    }

    private static String camel(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("scripts", "camel").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_OPTS", "-Duser.home=" + home);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "camel " + String.join(" ", args) + " did not end");
        assertEquals(0, process.exitValue(), "camel " + String.join(" ", args) + ":\n" + output);
        synchronized (shown) {
            shown.add(output);
        }
        return output;
    }
}
