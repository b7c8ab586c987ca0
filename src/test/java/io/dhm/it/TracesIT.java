package io.dhm.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Traces through the packaged jar: a local OTLP/HTTP receiver (the JDK's HTTP server on 127.0.0.1, decoding the
 * protobuf requests at /v1/traces) and a webhook beside it, a container of the sandbox engine turned unhealthy, and its
 * alert one trace from the engine event to the webhook's delivery.
 */
class TracesIT {

    static final SandboxEngine ENGINE = new SandboxEngine();

    /** One span as the receiver got it. */
    record Received(String traceId, String name, boolean root) {
    }

    private final List<Received> spans = new CopyOnWriteArrayList<>();
    private final List<String> hookTraceparents = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startReceivers() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/traces", this::collect);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                hookTraceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    private void collect(HttpExchange exchange) throws IOException {
        try (exchange) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes());
            request.getResourceSpansList().forEach(resource -> resource.getScopeSpansList().forEach(scope ->
                    scope.getSpansList().forEach(span -> spans.add(received(span)))));
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private static Received received(Span span) {
        return new Received(HexFormat.of().formatHex(span.getTraceId().toByteArray()), span.getName(), span.getParentSpanId().isEmpty());
    }

    @AfterEach
    void stopReceivers() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    @AfterAll
    static void cleanUp() {
        ENGINE.removeTestContainers();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private Map<String, String> monitorSettings(String endpoint) {
        // a poll every 30 s, at most once a minute while the event stream is open: the engine's event sees the change
        return Map.of("DOCKER_HOST", ENGINE.dockerHost, "WEBHOOK_URLS", url("/hook"), "OTEL_EXPORTER_OTLP_ENDPOINT", endpoint,
                "HEALTH_CHECK_INTERVAL_SEC", "30", "WAIT_AND_CHECK_AGAIN_MIN", "0.05");
    }

    @Test
    void anAlertIsOneTraceFromTheEngineEventToTheWebhooksDelivery(@TempDir Path workDir) throws Exception {
        String name = SandboxEngine.unique("traced");
        try (MonitorProcess monitor = MonitorProcess.started(workDir, monitorSettings(url("")))) {
            // started once the monitor listens, so that it sees the container through events only (the poll at start
            // is its only one for a minute while the event stream is open)
            String id = ENGINE.startMonitored(name);
            ENGINE.makeUnhealthy(id);
            monitor.awaitLog("ALERT CRITICAL " + name, Duration.ofSeconds(40));
            await().atMost(Duration.ofSeconds(30)).until(() -> !hookTraceparents.isEmpty()
                    && spans.stream().anyMatch(span -> span.name().equals("channel-webhook")));

            String trace = spans.stream().filter(span -> span.name().equals("channel-webhook")).findFirst().orElseThrow().traceId();
            List<Received> alert = spans.stream().filter(span -> span.traceId().equals(trace)).toList();
            Set<String> names = alert.stream().map(Received::name).collect(Collectors.toSet());
            assertTrue(names.containsAll(Set.of("engine-event", "decide", "confirm", "dispatch", "channel-webhook", "POST")),
                    names + "\nall spans: " + spans);
            List<Received> roots = alert.stream().filter(Received::root).toList();
            assertEquals(1, roots.size(), alert.toString());
            assertEquals("engine-event", roots.get(0).name(), "the trace begins at the engine's event");
            // the receiver gets the trace too (W3C traceparent), to join it with spans of its own
            assertTrue(hookTraceparents.get(0).startsWith("00-" + trace + "-"), hookTraceparents.toString());
            // the routine of a monitor starts no trace: every root is the event of a container
            assertTrue(spans.stream().filter(Received::root).allMatch(span -> span.name().equals("engine-event")),
                    spans.toString());
        }
    }

    @Test
    void aCollectorThatIsDownIsLoggedOnceAndHoldsNothingUp(@TempDir Path workDir) throws Exception {
        String name = SandboxEngine.unique("untraced");
        String nobody = "http://127.0.0.1:" + MonitorProcess.freePort();
        try (MonitorProcess monitor = MonitorProcess.started(workDir, monitorSettings(nobody))) {
            String id = ENGINE.startMonitored(name);
            ENGINE.makeUnhealthy(id);
            monitor.awaitLog("ALERT CRITICAL " + name, Duration.ofSeconds(40));
            await().atMost(Duration.ofSeconds(30)).until(() -> !hookTraceparents.isEmpty());
            monitor.awaitLog("does not take spans", Duration.ofSeconds(30));
            ENGINE.makeHealthy(id);
            monitor.awaitLog("ALERT INFO " + name, Duration.ofSeconds(40));
            await().atMost(Duration.ofSeconds(30)).until(() -> hookTraceparents.size() >= 2);
            String output = monitor.output();
            assertEquals(1, output.split("does not take spans", -1).length - 1, monitor.tail());
            assertTrue(monitor.alive());
        }
    }
}
