package io.dhm.check;

import io.dhm.store.MemoryDatabase;
import io.dhm.ManualClock;
import com.sun.net.httpserver.HttpServer;
import io.dhm.config.Settings;
import io.dhm.config.WatchSettings;
import io.dhm.engine.ContainerView;
import io.dhm.engine.DockerGateway;
import io.dhm.engine.EngineUnavailableException;
import io.dhm.engine.ExecOutcome;
import io.dhm.engine.Health;
import io.dhm.history.History;
import io.dhm.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Custom checks against a real HTTP server and a real TCP listener on 127.0.0.1; exec through a fixed fake engine. */
class CustomChecksTest {
    /** Answers exec with a fixed outcome (or failure) instead of an engine. */
    private static final class FixedEngine extends DockerGateway {
        final AtomicReference<ExecOutcome> outcome = new AtomicReference<>(new ExecOutcome(0L, ""));
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        final AtomicReference<List<String>> lastCommand = new AtomicReference<>();
        final AtomicReference<Duration> lastTimeout = new AtomicReference<>();

        FixedEngine() {
            super(Settings.from(new Properties()));
        }

        @Override
        public ExecOutcome exec(String containerId, List<String> command, Duration timeout) {
            lastCommand.set(command);
            lastTimeout.set(timeout);
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
            return outcome.get();
        }
    }

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final AtomicInteger httpStatus = new AtomicInteger(200);
    private final AtomicReference<String> httpBody = new AtomicReference<>("ok");
    private final AtomicInteger httpRequests = new AtomicInteger();
    private final ManualClock clock = new ManualClock(T0);
    private final FixedEngine engine = new FixedEngine();
    private HttpServer server;
    private String healthUrl;
    private History history;

    @BeforeEach
    void start() throws IOException, SQLException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            httpRequests.incrementAndGet();
            byte[] body = httpBody.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(httpStatus.get(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        healthUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
        history = new History(MemoryDatabase.create(), Duration.ofHours(168), clock);
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        engine.close();
    }

    private static WatchSettings watch(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.from(p).watch();
    }

    private CustomChecks checks(WatchSettings settings) {
        return new CustomChecks(settings, engine, history, MemoryDatabase.create(), clock);
    }

    private CustomChecks checks() {
        return checks(watch());
    }

    private static ContainerView view(String id, Health health, String... labelsAndValues) {
        return view(id, true, health, labelsAndValues);
    }

    private static ContainerView view(String id, boolean running, Health health, String... labelsAndValues) {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            labels.put(labelsAndValues[i], labelsAndValues[i + 1]);
        }
        return new ContainerView(id, "name-" + id, "img:1", null, null, null, running, health, "", labels);
    }

    private ContainerView httpContainer(String id, Health health, String... more) {
        String[] labels = new String[more.length + 2];
        labels[0] = "healthmonitor.check.http";
        labels[1] = healthUrl;
        System.arraycopy(more, 0, labels, 2, more.length);
        return view(id, health, labels);
    }

    /** One round as the route runs it: what is due, checked once. */
    private static ContainerView round(CustomChecks checks, ContainerView container) {
        List<ContainerView> due = checks.due();
        assertTrue(due.stream().anyMatch(v -> v.id().equals(container.id())), () -> container.id() + " should be due: " + due);
        return checks.run(container);
    }

    // --- registration -------------------------------------------------------------------------------------------

    @Test
    void applyRegistersTheCheckAsStarting() {
        CustomChecks checks = checks();
        ContainerView container = httpContainer("c1", Health.NONE);

        ContainerView applied = checks.apply(container);

        assertEquals(Health.STARTING, applied.health());
        assertEquals("http " + healthUrl + ": custom check not run yet", applied.healthOutput());
        assertEquals(container.id(), applied.id());
        assertEquals(container.labels(), applied.labels());
        List<ContainerView> due = checks.due();
        assertEquals(1, due.size());
        assertEquals("c1", due.get(0).id());
        assertEquals(0, httpRequests.get(), "apply only registers, it does not check");
    }

    @Test
    void containerWithoutDeclarationPassesThrough() {
        CustomChecks checks = checks();
        ContainerView plain = view("plain", Health.HEALTHY, "some.label", "x");
        assertSame(plain, checks.apply(plain));
        assertTrue(checks.due().isEmpty());
        assertNull(checks.run(plain));
    }

    @Test
    void unusableDeclarationIsIgnored() {
        CustomChecks checks = checks();
        ContainerView badUrl = view("bad1", Health.HEALTHY, "healthmonitor.check.http", "not a url");
        ContainerView noPort = view("bad2", Health.NONE, "healthmonitor.check.tcp", "db");
        ContainerView badStatus = httpContainer("bad3", Health.UNHEALTHY, "healthmonitor.check.status", "abc");

        assertSame(badUrl, checks.apply(badUrl));
        assertSame(noPort, checks.apply(noPort));
        assertSame(badStatus, checks.apply(badStatus));
        assertTrue(checks.due().isEmpty());
    }

    @Test
    void stoppedContainerIsNotChecked() {
        CustomChecks checks = checks();
        ContainerView running = httpContainer("c1", Health.NONE);
        checks.apply(running);
        ContainerView stopped = view("c1", false, Health.NONE, "healthmonitor.check.http", healthUrl);

        assertSame(stopped, checks.apply(stopped));
        assertTrue(checks.due().isEmpty());
        assertNull(checks.run(stopped));
    }

    @Test
    void ruleDeclaresTheCheckOfAContainerWithoutLabels() {
        CustomChecks checks = checks(watch("custom.checks", "name-legacy*=" + healthUrl));
        ContainerView legacy = view("legacy1", Health.NONE);

        assertEquals(Health.STARTING, checks.apply(legacy).health());
        ContainerView changed = round(checks, legacy);

        assertNotNull(changed);
        assertEquals(Health.HEALTHY, changed.health());
        assertEquals(1, httpRequests.get());
    }

    // --- HTTP ---------------------------------------------------------------------------------------------------

    @Test
    void successMakesItHealthy() throws SQLException {
        CustomChecks checks = checks();
        ContainerView container = httpContainer("c1", Health.NONE);
        checks.apply(container);

        ContainerView changed = round(checks, container);

        assertNotNull(changed, "STARTING -> HEALTHY is a change");
        assertEquals(Health.HEALTHY, changed.health());
        assertTrue(changed.healthOutput().startsWith("http " + healthUrl + ": HTTP 200 ("), changed.healthOutput());
        assertTrue(changed.healthOutput().endsWith(" ms)"), changed.healthOutput());
        assertEquals(1, httpRequests.get());
        assertEquals(Health.HEALTHY, checks.apply(container).health(), "later views carry the check's health");

        List<History.Entry> rows = history.recent(container.name(), 10);
        assertEquals(1, rows.size());
        History.Entry row = rows.get(0);
        assertEquals(History.Kind.CHECK, row.kind());
        assertEquals(container.name(), row.container());
        assertEquals("http " + healthUrl + ": passed, HTTP 200", row.detail());
        assertNotNull(row.millis(), "a check records its response time");
        assertTrue(row.millis() >= 0);
        assertEquals(T0, row.at());
    }

    @Test
    void unhealthyOnlyAfterTheConfiguredConsecutiveFailures() throws SQLException {
        CustomChecks checks = checks(watch("check.failures", "3"));
        ContainerView container = httpContainer("c1", Health.NONE);
        checks.apply(container);
        httpStatus.set(503);

        assertNull(round(checks, container), "1st failure: still starting");
        clock.advance(Duration.ofSeconds(10));
        assertNull(round(checks, container), "2nd failure: still starting");
        assertEquals(Health.STARTING, checks.apply(container).health());
        clock.advance(Duration.ofSeconds(10));
        ContainerView changed = round(checks, container);

        assertNotNull(changed, "3rd failure makes it unhealthy");
        assertEquals(Health.UNHEALTHY, changed.health());
        assertTrue(changed.healthOutput().startsWith("http " + healthUrl + ": HTTP 503 (expected 2xx)"), changed.healthOutput());
        clock.advance(Duration.ofSeconds(10));
        assertNull(round(checks, container), "a further failure is no change");

        List<History.Entry> rows = history.recent(container.name(), 10);
        assertEquals(4, rows.size());
        assertTrue(rows.stream().allMatch(row -> row.kind() == History.Kind.CHECK && row.millis() != null), rows::toString);
        assertEquals("http " + healthUrl + ": failed, HTTP 503 (expected 2xx)", rows.get(0).detail());
    }

    @Test
    void failuresLabelOverridesTheSetting() {
        CustomChecks checks = checks(watch("check.failures", "5"));
        ContainerView container = httpContainer("c1", Health.NONE, "healthmonitor.check.failures", "1");
        checks.apply(container);
        httpStatus.set(500);

        ContainerView changed = round(checks, container);

        assertNotNull(changed);
        assertEquals(Health.UNHEALTHY, changed.health());
    }

    @Test
    void successResetsTheFailureCount() {
        CustomChecks checks = checks(watch("check.failures", "2"));
        ContainerView container = httpContainer("c1", Health.NONE);
        checks.apply(container);

        assertEquals(Health.HEALTHY, round(checks, container).health());
        httpStatus.set(500);
        clock.advance(Duration.ofSeconds(10));
        assertNull(round(checks, container), "one failure of two");
        httpStatus.set(200);
        clock.advance(Duration.ofSeconds(10));
        assertNull(round(checks, container), "success while healthy is no change, and resets the count");
        httpStatus.set(500);
        clock.advance(Duration.ofSeconds(10));
        assertNull(round(checks, container), "one failure of two again, not the second");
        assertEquals(Health.HEALTHY, checks.apply(container).health());
        clock.advance(Duration.ofSeconds(10));
        ContainerView changed = round(checks, container);
        assertNotNull(changed);
        assertEquals(Health.UNHEALTHY, changed.health());
    }

    @Test
    void recoveryAfterUnhealthy() {
        CustomChecks checks = checks(watch("check.failures", "1"));
        ContainerView container = httpContainer("c1", Health.NONE);
        checks.apply(container);
        httpStatus.set(500);
        assertEquals(Health.UNHEALTHY, round(checks, container).health());

        httpStatus.set(200);
        clock.advance(Duration.ofSeconds(10));
        ContainerView changed = round(checks, container);

        assertNotNull(changed);
        assertEquals(Health.HEALTHY, changed.health());
    }

    @Test
    void statusAndBodyLabelsAreChecked() {
        CustomChecks checks = checks(watch("check.failures", "1"));
        ContainerView container = httpContainer("c1", Health.NONE,
                "healthmonitor.check.status", "204,200", "healthmonitor.check.body", "\"db\":\"up\"");
        checks.apply(container);
        httpBody.set("{\"db\":\"down\"}");

        ContainerView changed = round(checks, container);

        assertEquals(Health.UNHEALTHY, changed.health());
        assertTrue(changed.healthOutput().contains("HTTP 200 without /\"db\":\"up\"/ in the body"), changed.healthOutput());
        httpBody.set("{\"db\":\"up\"}");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Health.HEALTHY, round(checks, container).health());
    }

    // --- merging with Docker's own health -----------------------------------------------------------------------

    @Test
    void dockerHealthyButCustomFailingIsUnhealthyWithTheCustomOutput() {
        CustomChecks checks = checks(watch("check.failures", "1"));
        ContainerView container = new ContainerView("c1", "api", "img:1", null, null, null, true, Health.HEALTHY,
                "exit code 0: docker says fine", Map.of("healthmonitor.check.http", healthUrl));
        checks.apply(container);
        httpStatus.set(503);

        ContainerView changed = round(checks, container);

        assertNotNull(changed);
        assertEquals(Health.UNHEALTHY, changed.health());
        assertTrue(changed.healthOutput().startsWith("http " + healthUrl + ": HTTP 503"), changed.healthOutput());
        ContainerView next = checks.apply(container);
        assertEquals(Health.UNHEALTHY, next.health(), "later views keep the custom verdict");
        assertTrue(next.healthOutput().contains("HTTP 503"), next.healthOutput());
    }

    @Test
    void dockerUnhealthyStaysUnhealthyWhenTheCustomCheckPasses() {
        CustomChecks checks = checks();
        ContainerView container = new ContainerView("c1", "api", "img:1", null, null, null, true, Health.UNHEALTHY,
                "exit code 1: docker says broken", Map.of("healthmonitor.check.http", healthUrl));
        assertEquals(Health.UNHEALTHY, checks.apply(container).health());

        ContainerView changed = round(checks, container);

        assertNotNull(changed, "the check itself changed from starting to healthy");
        assertEquals(Health.UNHEALTHY, changed.health());
        assertEquals("exit code 1: docker says broken", changed.healthOutput(), "Docker's own output explains it");
        assertEquals(Health.UNHEALTHY, checks.apply(container).health());
    }

    @Test
    void dockerHealthyAndCustomHealthyIsHealthyWithDockersOutput() {
        CustomChecks checks = checks();
        ContainerView container = new ContainerView("c1", "api", "img:1", null, null, null, true, Health.HEALTHY,
                "exit code 0: fine", Map.of("healthmonitor.check.http", healthUrl));
        checks.apply(container);

        ContainerView changed = round(checks, container);

        assertEquals(Health.HEALTHY, changed.health());
        assertEquals("exit code 0: fine", changed.healthOutput());
    }

    // --- scheduling ---------------------------------------------------------------------------------------------

    @Test
    void dueRespectsTheIntervalAndRunningChecks() {
        CustomChecks checks = checks();
        ContainerView container = httpContainer("c1", Health.NONE, "healthmonitor.check.interval", "30");
        checks.apply(container);

        assertEquals(1, checks.due().size());
        assertTrue(checks.due().isEmpty(), "a check handed out is not due again until it has run");
        checks.run(container);
        assertTrue(checks.due().isEmpty(), "not due before its interval");
        clock.advance(Duration.ofSeconds(29));
        assertTrue(checks.due().isEmpty());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("c1"), checks.due().stream().map(ContainerView::id).toList());
    }

    @Test
    void retainForgetsContainersNoLongerRunning() {
        CustomChecks checks = checks();
        ContainerView kept = httpContainer("keep", Health.NONE);
        ContainerView gone = httpContainer("gone", Health.NONE);
        checks.apply(kept);
        checks.apply(gone);

        checks.retain(ContainerView.SINGLE_ENGINE, Set.of("keep", "unrelated"));

        assertEquals(List.of("keep"), checks.due().stream().map(ContainerView::id).toList());
        assertNull(checks.run(gone), "a forgotten container is not checked");
        assertEquals(0, httpRequests.get());
    }

    @Test
    void changedDeclarationStartsOver() {
        CustomChecks checks = checks();
        ContainerView container = httpContainer("c1", Health.NONE);
        checks.apply(container);
        assertEquals(Health.HEALTHY, round(checks, container).health());
        assertEquals(Health.HEALTHY, checks.apply(container).health(), "the same declaration keeps its state");

        ContainerView redeclared = httpContainer("c1", Health.NONE, "healthmonitor.check.status", "200");
        assertEquals(Health.STARTING, checks.apply(redeclared).health());
    }

    // --- TCP ----------------------------------------------------------------------------------------------------

    @Test
    void tcpCheckAgainstARealListener() throws IOException, SQLException {
        CustomChecks checks = checks(watch("check.failures", "1"));
        int port;
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = listener.getLocalPort();
            ContainerView container = view("db", Health.NONE, "healthmonitor.check.tcp", "127.0.0.1:" + port,
                    "healthmonitor.check.timeout", "2");
            checks.apply(container);

            ContainerView up = round(checks, container);
            assertNotNull(up);
            assertEquals(Health.HEALTHY, up.health());
            assertTrue(up.healthOutput().startsWith("tcp 127.0.0.1:" + port + ": connected to 127.0.0.1:" + port),
                    up.healthOutput());
        }
        // the listener is closed: the port now refuses connections
        ContainerView container = view("db", Health.NONE, "healthmonitor.check.tcp", "127.0.0.1:" + port,
                "healthmonitor.check.timeout", "2");
        clock.advance(Duration.ofSeconds(10));
        ContainerView down = round(checks, container);

        assertNotNull(down);
        assertEquals(Health.UNHEALTHY, down.health());
        assertTrue(down.healthOutput().startsWith("tcp 127.0.0.1:" + port + ": 127.0.0.1:" + port + ": "), down.healthOutput());

        List<History.Entry> rows = history.recent("name-db", 10);
        assertEquals(2, rows.size());
        assertTrue(rows.get(0).detail().startsWith("tcp 127.0.0.1:" + port + ": failed, "), rows.get(0).detail());
        assertTrue(rows.get(1).detail().startsWith("tcp 127.0.0.1:" + port + ": passed, "), rows.get(1).detail());
        assertTrue(rows.stream().allMatch(row -> row.millis() != null));
    }

    // --- exec ---------------------------------------------------------------------------------------------------

    @Test
    void execCheckRunsTheCommandWithShAndItsTimeout() throws SQLException {
        CustomChecks checks = checks(watch("check.failures", "1"));
        ContainerView container = view("w1", Health.NONE, "healthmonitor.check.exec", "test -f /tmp/alive",
                "healthmonitor.check.timeout", "3");
        checks.apply(container);
        engine.outcome.set(new ExecOutcome(0L, "alive"));

        ContainerView up = round(checks, container);

        assertEquals(List.of("sh", "-c", "test -f /tmp/alive"), engine.lastCommand.get());
        assertEquals(Duration.ofSeconds(3), engine.lastTimeout.get());
        assertEquals(Health.HEALTHY, up.health());
        assertTrue(up.healthOutput().startsWith("exec test -f /tmp/alive: exit code 0: alive ("), up.healthOutput());

        engine.outcome.set(new ExecOutcome(1L, ""));
        clock.advance(Duration.ofSeconds(10));
        ContainerView down = round(checks, container);

        assertEquals(Health.UNHEALTHY, down.health());
        assertTrue(down.healthOutput().startsWith("exec test -f /tmp/alive: exit code 1 ("), down.healthOutput());
        assertEquals("exec test -f /tmp/alive: failed, exit code 1", history.recent("name-w1", 1).get(0).detail());
        assertNotNull(history.recent("name-w1", 1).get(0).millis());
    }

    @Test
    void execThatDoesNotFinishFails() {
        CustomChecks checks = checks(watch("check.failures", "1"));
        ContainerView container = view("w1", Health.NONE, "healthmonitor.check.exec", "sleep 60");
        checks.apply(container);
        engine.outcome.set(new ExecOutcome(null, "still running after 5000 ms"));

        ContainerView down = round(checks, container);

        assertEquals(Health.UNHEALTHY, down.health());
        assertTrue(down.healthOutput().startsWith("exec sleep 60: still running after 5000 ms ("), down.healthOutput());
    }

    @Test
    void unreachableEngineIsNotTheContainersFailure() throws SQLException {
        CustomChecks checks = checks(watch("check.failures", "1"));
        ContainerView container = view("w1", Health.NONE, "healthmonitor.check.exec", "true");
        checks.apply(container);
        engine.failure.set(new EngineUnavailableException("engine gone", null));

        assertNull(round(checks, container));
        assertEquals(Health.STARTING, checks.apply(container).health());
        assertTrue(history.recent("name-w1", 10).isEmpty(), "nothing was checked");

        engine.failure.set(null);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Health.HEALTHY, round(checks, container).health(), "the next round tries again");
    }
}
