package io.dhm.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dead-man's switch of the packaged jar, HEARTBEAT_INTERVAL_SEC=1, against a real HTTP receiver on 127.0.0.1: a
 * GET about every second while the monitor is ready, none while a bundled route stopped over Jolokia makes its
 * readiness DOWN, again once the route runs; a receiver failing for a few pings is logged once, and once more when it
 * answers again. The URL's secret path and token never show in the log or /api/config.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HeartbeatIT {

    private static final long INTERVAL_MILLIS = 1000;
    private static final String SECRET_PATH = "/ping/6f1c2a5e-93b1-4cde-8f5a-2b7d9e0a1c44";
    private static final String QUERY = "token=kuma-push-secret&status=up";
    /** A bundled route nothing waits on for minutes: stopping it makes readiness DOWN (bundled-routes) and harms nothing. */
    private static final String ROUTE_MBEAN =
            "org.apache.camel:context=docker-health-monitor,type=routes,name=\\\"history-retention\\\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDir;

    static HttpServer receiver;
    static MonitorProcess monitor;
    static ApiClient api;
    /** When each ping arrived (System.nanoTime), and the path and query it asked for. */
    static final List<Long> arrivals = new CopyOnWriteArrayList<>();
    static final List<String> requested = new CopyOnWriteArrayList<>();
    /** How many of the next pings the receiver answers 503. */
    static final AtomicInteger failNext = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", HeartbeatIT::answer);
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + SECRET_PATH + "?" + QUERY;
        monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", new SandboxEngine().dockerHost,
                "HEARTBEAT_URL", url, "HEARTBEAT_INTERVAL_SEC", "1", "JOLOKIA_ENABLED", "1"));
        api = new ApiClient(monitor.httpPort(), null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (monitor != null) {
            monitor.close();
        }
        receiver.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            arrivals.add(System.nanoTime());
            requested.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200, -1);
        }
    }

    @Test
    @Order(1)
    void pingsAboutEverySecondWhileReady() {
        int before = arrivals.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> arrivals.size() >= before + 4);
        List<Long> gaps = gaps(arrivals.subList(before, arrivals.size()));
        System.out.println("HeartbeatIT: gaps between pings while ready (ms): " + gaps);
        // a fixed-rate timer: a tick a busy machine delays is followed by a shorter gap, so the rate is what holds
        double mean = gaps.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertTrue(mean >= 700 && mean <= 1500 && gaps.stream().allMatch(gap -> gap <= 2500), "about one a second: " + gaps);
        assertEquals("GET " + SECRET_PATH + "?" + QUERY, requested.get(0), "the URL as given, path and query untouched");
    }

    @Test
    @Order(2)
    void noPingWhileNotReadyAndPingsAgainOnceReady() throws Exception {
        jolokia("stop()");
        long down = System.nanoTime();
        assertEquals(503, api.get("/observe/health/ready").status());
        // three intervals of silence at least: nothing may arrive after the one that may have been under way
        int underWay = arrivals.size() + 1;
        await().during(Duration.ofMillis(3 * INTERVAL_MILLIS + 500)).atMost(Duration.ofMillis(5 * INTERVAL_MILLIS))
                .until(() -> arrivals.size() <= underWay);
        long lastPing = arrivals.get(arrivals.size() - 1);
        long gap = millis(lastPing - down);
        System.out.println("HeartbeatIT: last ping " + gap + " ms after readiness went DOWN (negative: before it)");
        // a ping whose tick found readiness still UP may land just after; the next tick must find it DOWN
        assertTrue(gap < INTERVAL_MILLIS, "pings stop within one interval of readiness DOWN: the last came " + gap
                + " ms after it");
        assertTrue(monitor.output().contains("paused: the monitor is not ready"), monitor.tail());

        int silent = arrivals.size();
        jolokia("start()");
        long up = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> arrivals.size() >= silent + 2);
        System.out.println("HeartbeatIT: first ping " + millis(arrivals.get(silent) - up) + " ms after readiness UP");
        assertTrue(monitor.output().contains("resumed: the monitor is ready again"), monitor.tail());
    }

    @Test
    @Order(3)
    void aFailingReceiverIsLoggedOnceAndOnceWhenItAnswersAgain() throws Exception {
        String target = "Heartbeat to http://127.0.0.1:" + receiver.getAddress().getPort();
        failNext.set(3);
        await().atMost(Duration.ofSeconds(15)).until(() -> monitor.output().contains(target + " works again after 3 failed ping(s)"));
        String log = monitor.output();
        assertEquals(1, count(log, target + " failed: HTTP 503"), log);
        assertEquals(1, count(log, "works again after"), log);
        String metrics = api.get("/observe/metrics").raw().body();
        assertTrue(metrics.contains("dhm_heartbeat_pings_total{outcome=\"failed\"} 3.0"), metrics);
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("dhm_heartbeat_pings_total{outcome=\"ok\"}")), metrics);
    }

    @Test
    @Order(4)
    void theUrlsSecretIsNeverShown() throws Exception {
        assertEquals("********", api.get("/api/config").json().path("settings").path("HEARTBEAT_URL").asText());
        String log = monitor.output();
        assertTrue(log.contains("heartbeat=http://127.0.0.1:" + receiver.getAddress().getPort() + " every 1.0 s"), log);
        assertFalse(log.contains(SECRET_PATH) || log.contains("kuma-push-secret"), monitor.tail());
    }

    private static void jolokia(String operation) throws IOException, InterruptedException {
        ApiClient.Reply reply = api.callAs(null, "POST", "/observe/jolokia",
                "{\"type\":\"exec\",\"mbean\":\"" + ROUTE_MBEAN + "\",\"operation\":\"" + operation + "\"}");
        JsonNode json = JSON.readTree(reply.raw().body());
        assertEquals(200, json.path("status").asInt(), json.toString());
    }

    private static List<Long> gaps(List<Long> times) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(millis(times.get(i) - times.get(i - 1)));
        }
        return gaps;
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
