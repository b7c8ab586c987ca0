package io.dhm.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operations surface of the packaged jar against the sandbox engine: Prometheus metrics at /observe/metrics,
 * liveness and readiness at /observe/health/live and /observe/health/ready, the dev console at /q/dev, and the JMX
 * MBeans (through the JVM's own remote connector, as an operator's jconsole would attach). Every alert also goes to a
 * webhook that refuses connections, so the delivery check has something to say. The engine is stopped last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsSurfaceIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @TempDir
    static Path workDir;

    static SandboxEngine engine;
    static MonitorProcess monitor;
    static Mails mails;
    static int jmxPort;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startMonitor() throws Exception {
        engine = new SandboxEngine();
        engine.removeTestContainers();
        mails = new Mails(SMTP);
        jmxPort = MonitorProcess.freePort();
        int refusing = MonitorProcess.freePort(); // nothing listens there: every webhook send is refused
        Map<String, String> environment = new HashMap<>(Map.of(
                "DOCKER_HOST", engine.dockerHost,
                "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", String.valueOf(SMTP.getSmtp().getPort()),
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com",
                "HEALTH_CHECK_INTERVAL_SEC", "1",
                "WAIT_AND_CHECK_AGAIN_MIN", "0.2",
                "WEBHOOK_URLS", "http://127.0.0.1:" + refusing + "/hook",
                "AUTOHEAL_ENABLED", "1",
                "AUTOHEAL_WAIT_SEC", "0",
                "DEV_CONSOLE_ENABLED", "1"));
        monitor = MonitorProcess.started(workDir, environment, List.of(
                "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false"));
    }

    @AfterAll
    static void stopMonitor() throws Exception {
        if (monitor != null) {
            monitor.close();
        }
        if (engine != null) {
            engine.removeTestContainers();
        }
    }

    @Test
    @Order(1)
    void liveAndReadyWhileTheEngineAnswersAndNothingFailed() throws Exception {
        HttpResponse<String> live = get("/observe/health/live");
        assertEquals(200, live.statusCode(), live.body());
        assertEquals("UP", JSON.readTree(live.body()).path("status").asText());

        HttpResponse<String> ready = get("/observe/health/ready?exposureLevel=full");
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("UP", check(ready, "docker").path("status").asText(), ready.body());
        assertEquals("UP", check(ready, "delivery").path("status").asText(), ready.body());

        HttpResponse<String> console = get("/q/dev/health");
        assertEquals(200, console.statusCode());
        assertTrue(console.body().contains("Health Check Status"), console.body());
    }

    @Test
    @Order(2)
    void metricsFollowAContainerThroughItsWaitAndAlertAndJmxShowsThePendingConfirmation() throws Exception {
        String project = SandboxEngine.unique("opsproj");
        String name = SandboxEngine.unique("ops-web");
        String id = engine.startMonitored(name, compose(project, name));
        await().atMost(Duration.ofSeconds(30)).until(() -> containers(project, "monitored") == 1);
        assertEquals(0, containers(project, "unhealthy"));

        engine.makeUnhealthy(id);

        await().atMost(Duration.ofSeconds(30)).until(() -> containers(project, "unhealthy") == 1
                && containers(project, "pending") == 1);
        try (JMXConnector jmx = jmx()) {
            MBeanServerConnection beans = jmx.getMBeanServerConnection();
            ObjectName status = new ObjectName("io.dhm:type=Monitor");
            assertTrue((Integer) beans.getAttribute(status, "PendingConfirmations") >= 1);
            List<String> pending = Arrays.asList((String[]) beans.getAttribute(status, "PendingContainers"));
            assertTrue(pending.contains(project + "/" + name + "/1"), pending.toString());
            assertTrue((Integer) beans.getAttribute(status, "MonitoredContainers") >= 1);
            assertTrue((Integer) beans.getAttribute(status, "UnhealthyContainers") >= 1);
            // Camel's own MBeans: every route, with its counters
            assertTrue(beans.queryNames(new ObjectName("org.apache.camel:type=routes,*"), null).size() >= 10);
            ObjectName decide = beans.queryNames(new ObjectName("org.apache.camel:type=routes,name=\"decide\",*"), null)
                    .iterator().next();
            assertTrue((Long) beans.getAttribute(decide, "ExchangesTotal") >= 1);
        }

        mails.await(name, "CRITICAL", Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(30)).until(() -> containers(project, "alerted") == 1
                && containers(project, "pending") == 0 && metric("dhm_delivery_seconds_count", "channel", "smtp") >= 1);
        String metrics = metrics();
        assertEquals(1.0, value(metrics, "dhm_containers", "project", project, "state", "unhealthy"), metrics);
        assertEquals(1.0, value(metrics, "dhm_containers", "project", project, "state", "monitored"));
        assertEquals(0.0, value(metrics, "dhm_containers", "project", project, "state", "quarantined"));
        assertTrue(value(metrics, "dhm_transitions_total", "change", "unhealthy") >= 1);
        assertTrue(value(metrics, "dhm_alerts_total", "channel", "smtp", "severity", "critical", "outcome", "sent") >= 1);
        assertTrue(value(metrics, "dhm_delivery_seconds_sum", "channel", "smtp") > 0);
        for (String operation : List.of("list", "inspect", "logs", "events", "ping")) {
            assertTrue(value(metrics, "dhm_docker_api_calls_total", "operation", operation, "outcome", "ok") > 0, operation);
            assertTrue(value(metrics, "dhm_docker_api_seconds_count", "operation", operation) > 0, operation);
        }
        // Camel's route metrics (route policy and exchange events) in the same registry
        assertTrue(value(metrics, "camel_exchanges_total", "routeId", "decide") >= 1, "camel route metrics");
        assertTrue(value(metrics, "camel_route_policy_seconds_count", "routeId", "poll-engine") >= 1, "route policy");
    }

    @Test
    @Order(3)
    void autoHealRestartsAndQuarantinesAreCountedByProject() throws Exception {
        String healed = SandboxEngine.unique("healproj");
        String healedName = SandboxEngine.unique("ops-heal");
        Map<String, String> healLabels = new HashMap<>(compose(healed, healedName));
        healLabels.putAll(Map.of("autoheal", "true", "autoheal.stop.timeout", "1"));
        String given = SandboxEngine.unique("quarproj");
        String givenName = SandboxEngine.unique("ops-quar");
        Map<String, String> quarantineLabels = new HashMap<>(compose(given, givenName));
        quarantineLabels.putAll(Map.of("autoheal", "true", "autoheal.max.restarts", "0"));
        String healedId = engine.startMonitored(healedName, healLabels);
        String givenId = engine.startMonitored(givenName, quarantineLabels);
        await().atMost(Duration.ofSeconds(30)).until(() -> containers(healed, "monitored") == 1
                && containers(given, "monitored") == 1);

        engine.makeUnhealthy(healedId);
        engine.makeUnhealthy(givenId);

        await().atMost(Duration.ofSeconds(60)).until(() -> metric("dhm_restarts_total", "project", healed) >= 1
                && metric("dhm_quarantines_total", "project", given) == 1
                && containers(given, "quarantined") == 1);
        assertEquals(0, containers(healed, "quarantined"));
        assertTrue(metric("dhm_docker_api_calls_total", "operation", "restart", "outcome", "ok") >= 1);
        try (JMXConnector jmx = jmx()) {
            MBeanServerConnection beans = jmx.getMBeanServerConnection();
            ObjectName status = new ObjectName("io.dhm:type=Monitor");
            assertEquals(1, beans.getAttribute(status, "Quarantined"));
            assertEquals(List.of(given + "/" + givenName + "/1"),
                    Arrays.asList((String[]) beans.getAttribute(status, "QuarantinedContainers")));
        }
    }

    @Test
    @Order(4)
    void notReadyWhileTheWebhookKeepsRefusingButStillLive() throws Exception {
        // every alert so far also went to the refusing webhook: retried after 5 s, then 10 s
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get("/observe/health/ready").statusCode() == 503);
        HttpResponse<String> ready = get("/observe/health/ready?exposureLevel=full");
        assertEquals(503, ready.statusCode());
        JsonNode delivery = check(ready, "delivery");
        assertEquals("DOWN", delivery.path("status").asText(), ready.body());
        assertTrue(message(delivery).contains("sends failed in a row"), ready.body());
        assertTrue(message(delivery).startsWith("webhook to http://127.0.0.1:"), ready.body());
        assertEquals("UP", check(ready, "docker").path("status").asText(), ready.body());
        assertEquals(200, get("/observe/health/live").statusCode());

        assertTrue(metric("dhm_alerts_total", "channel", "webhook", "severity", "critical", "outcome", "retry") >= 1);
        try (JMXConnector jmx = jmx()) {
            MBeanServerConnection beans = jmx.getMBeanServerConnection();
            ObjectName status = new ObjectName("io.dhm:type=Monitor");
            assertTrue((Integer) beans.getAttribute(status, "OutboxPending") >= 1);
            String[] failing = (String[]) beans.getAttribute(status, "FailingDeliveries");
            assertTrue(failing.length >= 1 && failing[0].startsWith("webhook to http://127.0.0.1:"), Arrays.toString(failing));
        }
    }

    @Test
    @Order(5)
    void readinessNamesDockerWhileTheEngineIsStoppedAndLivenessStaysUp() throws Exception {
        try {
            sandboxEngine("stop");

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> "DOWN".equals(check(get("/observe/health/ready?exposureLevel=full"), "docker")
                            .path("status").asText()));
            HttpResponse<String> ready = get("/observe/health/ready?exposureLevel=full");
            assertEquals(503, ready.statusCode());
            String reason = message(check(ready, "docker"));
            assertTrue(reason.contains("did not answer ping"), ready.body());
            assertTrue(reason.contains(engine.dockerHost.replace("unix://", "")), ready.body());
            HttpResponse<String> live = get("/observe/health/live");
            assertEquals(200, live.statusCode(), live.body());
            assertEquals("{\"status\":\"UP\"}", live.body().strip());
            assertTrue(monitor.alive());
            assertTrue(metric("dhm_docker_api_calls_total", "operation", "ping", "outcome", "error") >= 1);
        } finally {
            sandboxEngine("start");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "UP".equals(check(get("/observe/health/ready?exposureLevel=full"), "docker")
                        .path("status").asText()));
    }

    private static Map<String, String> compose(String project, String service) {
        return Map.of("com.docker.compose.project", project, "com.docker.compose.service", service,
                "com.docker.compose.container-number", "1");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitor.httpPort() + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One check of a health answer given with exposureLevel=full, or a missing node. */
    private static JsonNode check(HttpResponse<String> health, String name) throws IOException {
        for (JsonNode check : JSON.readTree(health.body()).path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        return JSON.missingNode();
    }

    /** A check's message; Camel's health JSON escapes each "/" twice, so one "\/" is left after parsing. */
    private static String message(JsonNode check) {
        return check.path("message").asText().replace("\\/", "/");
    }

    private static String metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/observe/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        return response.body();
    }

    private static double metric(String name, String... labels) throws IOException, InterruptedException {
        return value(metrics(), name, labels);
    }

    private static int containers(String project, String state) throws IOException, InterruptedException {
        return (int) metric("dhm_containers", "project", project, "state", state);
    }

    /** The sum of the samples of {@code name} that carry all these label="value" pairs (0 when there is none). */
    static double value(String text, String name, String... labels) {
        double sum = 0;
        for (String line : text.lines().toList()) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String sample = brace >= 0 ? line.substring(0, brace) : line.substring(0, line.indexOf(' '));
            String labelText = brace >= 0 ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
            if (!sample.equals(name)) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= labelText.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                sum += Double.parseDouble(line.substring(space + 1));
            }
        }
        return sum;
    }

    private static JMXConnector jmx() throws IOException {
        return JMXConnectorFactory.connect(new JMXServiceURL(
                "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
    }

    private static void sandboxEngine(String command) throws Exception {
        Process process = new ProcessBuilder("bash", "scripts/sandbox-engine.sh", command).inheritIO().start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "sandbox-engine.sh " + command + " took over 120 s");
        assertEquals(0, process.exitValue(), "sandbox-engine.sh " + command + " failed");
    }
}
