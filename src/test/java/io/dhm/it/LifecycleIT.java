package io.dhm.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up, configuration errors, the SMTP-less first run and SIGTERM, on the packaged jar. */
class LifecycleIT {

    static SandboxEngine engine;

    @BeforeAll
    static void engine() {
        engine = new SandboxEngine();
    }

    @AfterAll
    static void cleanUp() {
        engine.removeTestContainers();
    }

    @Test
    void invalidSettingStopsStartUpNamingTheVariableAndNeverPrintsThePassword(@TempDir Path workDir) throws Exception {
        try (MonitorProcess monitor = MonitorProcess.start(workDir, Map.of("DOCKER_HOST", engine.dockerHost,
                "SMTP_HOST", "127.0.0.1", "SMTP_PORT", "smtp", "SMTP_USER", "me@example.com",
                "SMTP_PASS", "never-show-this", "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com"))) {
            assertEquals(2, monitor.awaitExit(Duration.ofSeconds(30)));
            String output = monitor.output();
            assertTrue(output.contains("SMTP_PORT: 'smtp' is not a port number (1-65535)"), output);
            assertFalse(output.contains("never-show-this"), output);
        }
    }

    @Test
    void aRouteFileThatDoesNotParseStopsStartUpNamingIt(@TempDir Path workDir) throws Exception {
        Files.createDirectories(workDir.resolve("routes"));
        Files.writeString(workDir.resolve("routes/mine.camel.yaml"), "- route:\n    id: mine\n    from: [oops\n");
        try (MonitorProcess monitor = MonitorProcess.start(workDir, Map.of("DOCKER_HOST", engine.dockerHost))) {
            assertEquals(2, monitor.awaitExit(Duration.ofSeconds(30)));
            String output = monitor.output();
            assertTrue(output.contains("docker-health-monitor: invalid routes: file:" + workDir.resolve("routes/mine.camel.yaml")), output);
            assertTrue(output.contains("line 3"), output);
        }
    }

    @Test
    void anEndpointCamelCannotResolveStopsStartUpNamingTheSetting(@TempDir Path workDir) throws Exception {
        try (MonitorProcess monitor = MonitorProcess.start(workDir, Map.of("DOCKER_HOST", engine.dockerHost,
                "ALERT_ENDPOINTS", "file:alerts,kafak:alerts"))) {
            assertEquals(2, monitor.awaitExit(Duration.ofSeconds(60)));
            assertTrue(monitor.output().contains("docker-health-monitor: invalid configuration: ALERT_ENDPOINTS: "
                    + "'kafak:alerts' is not an endpoint Camel can send to"), monitor.tail());
        }
    }

    @Test
    void anEndpointNamedByAPlaceholderOfTheUsersReceivesTheAlert(@TempDir Path workDir) throws Exception {
        // the URI is the user's own key in application.properties, named as a placeholder
        Files.writeString(workDir.resolve("application.properties"), "my.alerts.uri=file:my-alerts\n");
        String name = SandboxEngine.unique("endpoint");
        String id = engine.startMonitored(name);
        try (MonitorProcess monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", engine.dockerHost,
                "HEALTH_CHECK_INTERVAL_SEC", "1", "WAIT_AND_CHECK_AGAIN_MIN", "0.05",
                "CONTAINER_ALERT_ROUTING", name + ":camel:{{my.alerts.uri}}"))) {
            engine.makeUnhealthy(id);
            Path folder = workDir.resolve("my-alerts");
            await().atMost(Duration.ofSeconds(40)).until(() -> outboxFiles(folder).stream()
                    .anyMatch(json -> json.contains("\"container\":\"" + name + "\"") && json.contains("\"CRITICAL\"")));
            assertTrue(outboxFiles(workDir.resolve("outbox")).stream().noneMatch(text -> text.contains(name)),
                    "the endpoint is this container's way out, not the outbox folder");
        }
    }

    @Test
    void aUserRouteReplacesItsBundledRouteAndEveryOtherRouteStillRuns(@TempDir Path workDir) throws Exception {
        Files.createDirectories(workDir.resolve("routes"));
        // only the dispatch route is the user's: observe, decide and confirm-after-wait stay bundled and feed it
        Files.writeString(workDir.resolve("routes/dispatch.camel.yaml"), """
                - route:
                    id: dispatch
                    from:
                      uri: direct:dispatch
                      steps:
                        - log: "MY DISPATCH ${body.container()} ${body.severity()}"
                """);
        String name = SandboxEngine.unique("user-route");
        String id = engine.startMonitored(name);
        try (MonitorProcess monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", engine.dockerHost,
                "HEALTH_CHECK_INTERVAL_SEC", "1", "WAIT_AND_CHECK_AGAIN_MIN", "0.05"))) {
            monitor.awaitLog("1 of them replaced by your routes [dispatch (file:", Duration.ofSeconds(5));
            engine.makeUnhealthy(id);
            monitor.awaitLog("MY DISPATCH " + name + " CRITICAL", Duration.ofSeconds(60));
        }
    }

    @Test
    void withReloadOnAnEditedRouteFileIsReloadedAndABrokenEditKeepsTheRouteOfBefore(@TempDir Path workDir) throws Exception {
        // Camel's own switch, as a Camel user would set it: the monitor reloads the one file that changed
        Files.writeString(workDir.resolve("application.properties"), "camel.main.routes-reload-enabled=true\n");
        String name = SandboxEngine.unique("reload");
        String id = engine.startMonitored(name);
        try (MonitorProcess monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", engine.dockerHost,
                "HEALTH_CHECK_INTERVAL_SEC", "1", "WAIT_AND_CHECK_AGAIN_MIN", "0.05"))) {
            monitor.awaitLog("Routes: reloading a file of " + workDir.resolve("routes"), Duration.ofSeconds(5));
            // the worked example of docs/configuration.md: two steps at the end of render-email
            Path deliver = workDir.resolve("routes/deliver.camel.yaml");
            Files.writeString(deliver, Files.readString(Path.of("routes/deliver.camel.yaml")) + """
                            - setHeader:
                                name: Subject
                                simple: "[prod] ${header.Subject}"
                            - log: "mail to ${header.To}: ${header.Subject}"
                    """);
            monitor.awaitLog("Routes: reloaded file:" + deliver + ": 4 of yours running [deliver, deliver-enqueue, deliver-silenced, render-email]",
                    Duration.ofSeconds(30));

            Files.writeString(deliver, "- route:\n    id: deliver\n    from: [oops\n");
            monitor.awaitLog("Routes: file:" + deliver + " not reloaded; the routes of before keep running", Duration.ofSeconds(30));

            engine.makeUnhealthy(id);
            // the first edit runs; other tests' containers on the shared engine may share the message with this one
            Path outbox = workDir.resolve("outbox");
            await().atMost(Duration.ofSeconds(60)).until(() -> outboxFiles(outbox).stream().anyMatch(text ->
                    text.contains(name) && text.contains("Subject: [prod] CRITICAL: ")));
            monitor.awaitLog("mail to : [prod] CRITICAL: ", Duration.ofSeconds(5));
            String health = new ApiClient(monitor.httpPort(), null).get("/observe/health").raw().body();
            assertTrue(health.contains("UP"), health);
        }
    }

    @Test
    void withoutSmtpAnAlreadyUnhealthyContainerIsAlertedToTheOutboxFolder(@TempDir Path workDir) throws Exception {
        String name = SandboxEngine.unique("broken-at-start");
        String id = engine.startMonitored(name);
        engine.makeUnhealthy(id);
        engine.awaitHealth(id, "unhealthy");

        try (MonitorProcess monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", engine.dockerHost,
                "HEALTH_CHECK_INTERVAL_SEC", "1", "WAIT_AND_CHECK_AGAIN_MIN", "0.05"))) {
            Path outbox = workDir.resolve("outbox");
            await().atMost(Duration.ofSeconds(40)).until(() -> outboxFiles(outbox).stream()
                    .anyMatch(text -> text.contains("Subject: CRITICAL: [standalone] " + name + " - Health Status Changed")));
            String alert = outboxFiles(outbox).stream().filter(text -> text.contains(name)).findFirst().orElseThrow();
            assertTrue(alert.contains("Status Change:   unknown → unhealthy"), alert);
            assertTrue(alert.contains("log line"), alert);
            assertTrue(Files.readString(workDir.resolve("logs/monitor.log")).contains("ALERT CRITICAL " + name), "logs/monitor.log");
        }
    }

    @Test
    void aConfirmationPendingWhenTheMonitorIsKilledIsAlertedAfterTheRestart(@TempDir Path workDir) throws Exception {
        String name = SandboxEngine.unique("killed-mid-wait");
        String id = engine.startMonitored(name);
        Map<String, String> environment = Map.of("DOCKER_HOST", engine.dockerHost,
                "HEALTH_CHECK_INTERVAL_SEC", "1", "WAIT_AND_CHECK_AGAIN_MIN", "0.2", "JOLOKIA_ENABLED", "1");
        try (MonitorProcess first = MonitorProcess.started(workDir, environment)) {
            engine.makeUnhealthy(id);
            first.awaitLog(name + " [standalone]: healthy → unhealthy (UNHEALTHY)", Duration.ofSeconds(20));
            // the line is logged just before the transition enters the aggregator: killed once it is stored there
            ApiClient api = new ApiClient(first.httpPort(), null);
            await().atMost(Duration.ofSeconds(10)).until(() -> api.call("POST", "/observe/jolokia",
                    "{\"type\":\"read\",\"mbean\":\"io.dhm:type=Monitor\",\"attribute\":\"PendingContainers\"}")
                    .json().path("value").toString().contains(name));
        } // SIGKILL, mid-wait

        try (MonitorProcess second = MonitorProcess.started(workDir, environment)) {
            second.awaitLog("Resuming the wait for " + name + " [standalone]: unhealthy since", Duration.ofSeconds(5));
            Path outbox = workDir.resolve("outbox");
            await().atMost(Duration.ofSeconds(40)).until(() -> outboxFiles(outbox).stream().anyMatch(text -> text.contains(name)));
            String alert = outboxFiles(outbox).stream().filter(text -> text.contains(name)).findFirst().orElseThrow();
            assertTrue(alert.contains("Status Change:   healthy → unhealthy"), "the episode of before the kill:\n" + alert);
            assertFalse(second.output().contains(name + " [standalone]: unknown → unhealthy"), "the wait was not started over");
        }
    }

    @Test
    void aContainerAlertedBeforeARestartIsNotAlertedAgainAndItsRecoveryIsAnnounced(@TempDir Path workDir) throws Exception {
        String name = SandboxEngine.unique("alerted-across-restart");
        String id = engine.startMonitored(name);
        Map<String, String> environment = Map.of("DOCKER_HOST", engine.dockerHost,
                "HEALTH_CHECK_INTERVAL_SEC", "1", "WAIT_AND_CHECK_AGAIN_MIN", "0.05");
        Path outbox = workDir.resolve("outbox");
        try (MonitorProcess first = MonitorProcess.started(workDir, environment)) {
            engine.makeUnhealthy(id);
            await().atMost(Duration.ofSeconds(40)).until(() -> alertsAbout(outbox, "CRITICAL", name) == 1);
            assertEquals(0, first.terminate(Duration.ofSeconds(10)));
        }

        try (MonitorProcess second = MonitorProcess.started(workDir, environment)) {
            second.awaitLog("were alerted before the restart and have not recovered: [" + name, Duration.ofSeconds(5));
            // longer than the 3 s wait and a poll, twice: a new episode would have been alerted by now
            await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertEquals(1, alertsAbout(outbox, "CRITICAL", name), "no second CRITICAL after the restart"));

            engine.makeHealthy(id);
            await().atMost(Duration.ofSeconds(40)).until(() -> alertsAbout(outbox, "INFO", name) == 1);
        }
    }

    private static long alertsAbout(Path outbox, String severity, String name) throws Exception {
        return outboxFiles(outbox).stream()
                .filter(text -> text.contains("Subject: " + severity + ": [standalone] " + name + " - Health Status Changed"))
                .count();
    }

    @Test
    void aStepThatKeepsFailingAfterConfirmIsDeadLetteredOnceAndItsAlertSentOnceAcrossARestart(@TempDir Path workDir)
            throws Exception {
        // the bundled dispatch route with one more step of the user's at its end, which always fails for this test's
        // container (the engine is shared: other tests' containers are alerted too)
        String name = SandboxEngine.unique("dead-letter");
        Files.createDirectories(workDir.resolve("routes"));
        Files.writeString(workDir.resolve("routes/dispatch.camel.yaml"), Files.readString(Path.of("routes/dispatch.camel.yaml"))
                + "        - filter:\n            simple: \"${body.container()} == '" + name + "'\"\n            steps:\n"
                + "              - throwException:\n                  exceptionType: java.lang.IllegalStateException\n"
                + "                  message: my step is broken\n");
        String id = engine.startMonitored(name);
        Map<String, String> environment = Map.of("DOCKER_HOST", engine.dockerHost, "HEALTH_CHECK_INTERVAL_SEC", "1",
                "WAIT_AND_CHECK_AGAIN_MIN", "0.05", "ALERT_COOLDOWN_SEC", "0",
                "CONFIRM_MAXIMUM_REDELIVERIES", "3", "CONFIRM_REDELIVERY_DELAY_MS", "2000");
        Path outbox = workDir.resolve("outbox");
        try (MonitorProcess first = MonitorProcess.started(workDir, environment)) {
            engine.makeUnhealthy(id);
            first.awaitLog("is queued already (its confirmation ran again)", Duration.ofSeconds(60)); // the first retry
        } // SIGKILL, with retries left

        try (MonitorProcess second = MonitorProcess.started(workDir, environment)) {
            // the aggregation repository re-runs it, with a full series of retries, then gives up
            second.awaitLog("DEAD LETTER " + name + " [standalone]", Duration.ofSeconds(60));
            assertTrue(second.output().contains("gave up in route confirm-after-wait after its retries: "
                    + "IllegalStateException: my step is broken"), second.tail());
            // longer than the repository's recovery interval: nothing runs again; counted by file, as on the shared
            // engine the alert may leave grouped with other tests' containers
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(9)).untilAsserted(() -> {
                assertEquals(1, outboxFiles(outbox).stream().filter(text -> text.contains(name)).count(), "the alert went out once");
                assertEquals(1, second.output().split("DEAD LETTER " + name, -1).length - 1, "one dead letter");
            });
            ApiClient.Reply events = new ApiClient(second.httpPort(), null).get("/api/events?kind=dead_letter&container=" + name);
            assertEquals(1, events.json().size(), events.raw().body());
            String metrics = new ApiClient(second.httpPort(), null).get("/observe/metrics").raw().body();
            assertTrue(Pattern.compile("(?m)^dhm_confirm_dead_letters_total(\\{[^}]*})? 1\\.0$").matcher(metrics).find(),
                    metrics.lines().filter(line -> line.contains("dead")).toList().toString());
        }
    }

    @Test
    void sigtermStopsCleanlyWithExitCodeZeroWithinTenSeconds(@TempDir Path workDir) throws Exception {
        try (MonitorProcess monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", engine.dockerHost))) {
            Instant signalled = Instant.now();
            int exitCode = monitor.terminate(Duration.ofSeconds(10));
            assertEquals(0, exitCode, () -> "exit code after SIGTERM (-1: still running after 10 s)\n" + monitor.tail());
            assertTrue(Duration.between(signalled, Instant.now()).toSeconds() < 10);
        }
    }

    @Test
    void aPlainJavaJarRunsTheMonitorInAJvmOfItsOwnWithItsClassArchiveThatEndsWithTheLauncherEvenOnSigkill(@TempDir Path workDir) throws Exception {
        try (MonitorProcess monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", engine.dockerHost))) {
            ProcessHandle jvm = monitor.launchedJvm().orElseThrow(() -> new AssertionError("no JVM of the monitor's own"));
            List<String> options = List.of(jvm.info().arguments().orElseThrow());
            assertTrue(options.contains("-XX:TieredStopAtLevel=1") && options.contains("-XX:+UseSerialGC"), options.toString());
            // mvn package recorded the class-data archive beside the jar; the JVM maps it only when it accepts it
            String archive = options.stream().filter(option -> option.startsWith("-XX:SharedArchiveFile="))
                    .map(option -> option.substring("-XX:SharedArchiveFile=".length())).findFirst()
                    .orElseThrow(() -> new AssertionError("no class-data archive: " + options));
            assertTrue(Files.readString(Path.of("/proc/" + jvm.pid() + "/maps")).contains(archive),
                    "the JVM did not map " + archive);
            monitor.kill();
            await().atMost(Duration.ofSeconds(5)).until(() -> !jvm.isAlive()); // its pipe from the launcher closed
        }
    }

    /** The texts of the mails in an outbox folder (OUTBOX_DIR, where mails go without SMTP). */
    static List<String> outboxFiles(Path outbox) throws Exception {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.map(file -> {
                try {
                    return Files.readString(file);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
