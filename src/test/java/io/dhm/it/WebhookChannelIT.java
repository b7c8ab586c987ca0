package io.dhm.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dhm.config.DeliverySettings;
import io.dhm.config.Settings;
import io.dhm.deliver.Batch;
import io.dhm.deliver.DeliveryResult;
import io.dhm.deliver.DeliveryResult.Outcome;
import io.dhm.alert.Alert;
import io.dhm.alert.AlertText;
import io.dhm.alert.Severity;
import io.dhm.deliver.webhook.WebhookChannel;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The webhook channel end to end: WebhookChannel, routes/deliver-webhook.camel.yaml and camel-http against a real HTTP server
 * (the JDK's, on 127.0.0.1), which records what it receives and answers as each case needs.
 */
class WebhookChannelIT {

    private static final int TIMEOUT_MILLIS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server saw it. */
    record Received(String method, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** The statuses the receiver answers with, in turn; the last one is repeated. */
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;

    private HttpServer server;
    /** One context for the class: the route and its timeout are the same in every case, and Camel is started once. */
    private static DefaultCamelContext context;

    @BeforeAll
    static void startCamel() throws Exception {
        context = new DefaultCamelContext();
        context.getRegistry().bind("alertText", new AlertText(Path.of("templates")));
        Properties camelProperties = new Properties();
        camelProperties.setProperty("monitor.webhook.timeout.millis", String.valueOf(TIMEOUT_MILLIS));
        context.getPropertiesComponent().setInitialProperties(camelProperties);
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.resolveResource(context, "file:routes/deliver-webhook.camel.yaml"));
        context.start();
    }

    @AfterAll
    static void stopCamel() throws IOException {
        context.close();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> String.join(",", e.getValue())));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            if (hang) {
                release.await(30, TimeUnit.SECONDS); // a receiver that never answers
                return;
            }
            int status;
            synchronized (statuses) {
                status = statuses.size() > 1 ? statuses.poll() : statuses.isEmpty() ? 200 : statuses.peek();
            }
            if (status == 429 || status == 503) {
                exchange.getResponseHeaders().add("Retry-After", "30");
            }
            byte[] answer = (status == 200 ? "ok" : "{\"error\":\"status " + status + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answerWith(Integer... codes) {
        synchronized (statuses) {
            statuses.clear();
            statuses.addAll(List.of(codes));
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A channel over the context with routes/deliver-webhook.camel.yaml, configured as WEBHOOK_* would. */
    private WebhookChannel channel(String urls, String headers) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("webhook.urls", urls);
        properties.setProperty("webhook.headers", headers);
        properties.setProperty("webhook.timeout.sec", String.valueOf(TIMEOUT_MILLIS / 1000.0));
        DeliverySettings delivery = Settings.from(properties).delivery();
        assertEquals(Duration.ofMillis(TIMEOUT_MILLIS), delivery.webhookTimeout()); // the timeout the context was given
        return new WebhookChannel(context.createProducerTemplate(), delivery);
    }

    private static Alert alert(String id, String project, String container) {
        return new Alert(id, Severity.CRITICAL, "Production", project, container, "0123456789abcdef0123456789abcdef",
                "shop/web:1.0", "healthy", "unhealthy",
                ZonedDateTime.of(2025, 3, 1, 11, 15, 0, 0, ZoneId.of("Europe/Berlin")),
                "Container remained unhealthy after 15 minute(s).", "exit 1: connection refused", "line 1\nline 2",
                List.of());
    }

    @Test
    void deliversTheJsonWithTheConfiguredHeaders() throws Exception {
        String url = url("/hooks/T000/B000?token=a%2Bb%2Fc&wait=true");
        WebhookChannel channel = channel(url, "/hooks/:Authorization=Bearer s3cret,X-Team=ops;other.example:X-Other=no");
        Batch batch = new Batch("webhook", url, List.of(alert("alert-1", "shop", "shop-web-1")));

        DeliveryResult result = channel.deliver(batch);

        assertEquals(Outcome.DELIVERED, result.outcome(), result.detail());
        assertEquals("HTTP 200 OK", result.detail());
        assertEquals(1, received.size());
        Received request = received.get(0);
        assertEquals("POST", request.method());
        assertEquals("/hooks/T000/B000?token=a%2Bb%2Fc&wait=true", request.path(), "the URL is requested as given");
        assertEquals("Bearer s3cret", request.header("Authorization"));
        assertEquals("ops", request.header("X-Team"));
        assertNull(request.header("X-Other"));
        assertEquals("alert-1", request.header("X-Alert-Id"));
        assertEquals("alert-1", request.header("Idempotency-Key"));
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("docker-health-monitor", request.header("User-Agent"));
        assertTrue(request.headers().keySet().stream().noneMatch(name -> name.startsWith("camel")),
                () -> "Camel headers leaked: " + request.headers().keySet());

        JsonNode json = JSON.readTree(request.body());
        assertEquals(1, json.get("version").asInt());
        assertEquals("Production", json.get("server").asText());
        assertEquals(1, json.get("count").asInt());
        JsonNode alert = json.get("alerts").get(0);
        assertEquals("alert-1", alert.get("alert_id").asText());
        assertEquals("CRITICAL", alert.get("severity").asText());
        assertEquals("shop", alert.get("project").asText());
        assertEquals("shop-web-1", alert.get("container").asText());
        assertEquals("0123456789abcdef0123456789abcdef", alert.get("container_id").asText());
        assertEquals("healthy", alert.get("from").asText());
        assertEquals("unhealthy", alert.get("to").asText());
        assertEquals("2025-03-01T11:15:00+01:00", alert.get("time").asText());
        assertEquals("exit 1: connection refused", alert.get("health_output").asText());
        assertEquals("line 1\nline 2", alert.get("logs").asText());
        String text = json.get("text").asText();
        assertTrue(text.startsWith("CRITICAL: [shop] shop-web-1 - Health Status Changed\n"), text);
        assertTrue(text.contains("healthy → unhealthy"), "UTF-8 survives the trip: " + text);
        assertTrue(json.get("content").asText().startsWith("CRITICAL: \\[shop\\] shop-web-1 - Health Status Changed\n"),
                "Discord's copy, its markdown escaped: " + json.get("content").asText());
    }

    @Test
    void aGroupCarriesEveryAlertIdAndOneKey() throws Exception {
        String url = url("/group");
        WebhookChannel channel = channel(url, "");
        Batch batch = new Batch("webhook", url,
                List.of(alert("alert-1", "shop", "shop-web-1"), alert("alert-2", null, "api")));

        assertEquals(Outcome.DELIVERED, channel.deliver(batch).outcome());

        Received request = received.get(0);
        assertEquals("alert-1,alert-2", request.header("X-Alert-Id"));
        assertEquals(batch.messageKey(), request.header("Idempotency-Key"));
        assertTrue(request.header("Idempotency-Key").startsWith("group-"));
        JsonNode json = JSON.readTree(request.body());
        assertEquals(2, json.get("count").asInt());
        assertTrue(json.get("alerts").get(1).get("project").isNull(), "project is null outside compose");
    }

    @Test
    void aServerErrorIsRetriedThenDelivered() throws Exception {
        String url = url("/flaky");
        WebhookChannel channel = channel(url, "");
        answerWith(500, 200);
        Batch batch = new Batch("webhook", url, List.of(alert("alert-1", "shop", "shop-web-1")));

        DeliveryResult first = channel.deliver(batch);
        DeliveryResult second = channel.deliver(batch);

        assertEquals(Outcome.RETRY, first.outcome(), first.detail());
        assertTrue(first.detail().startsWith("HTTP 500"), first.detail());
        assertTrue(first.detail().contains("status 500"), "the receiver's answer is kept: " + first.detail());
        assertEquals(Outcome.DELIVERED, second.outcome(), second.detail());
        assertEquals(2, received.size());
        assertEquals(received.get(0).header("Idempotency-Key"), received.get(1).header("Idempotency-Key"));
    }

    @Test
    void aReceiverThatNeverAnswersIsRetriedWithinTheTimeout() throws Exception {
        String url = url("/hang");
        WebhookChannel channel = channel(url, "");
        Batch batch = new Batch("webhook", url, List.of(alert("alert-1", "shop", "shop-web-1")));
        assertEquals(Outcome.DELIVERED, channel.deliver(batch).outcome(), "warm-up, so that only the wait is timed");
        hang = true;

        long start = System.nanoTime();
        DeliveryResult result = channel.deliver(batch);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(Outcome.RETRY, result.outcome(), result.detail());
        assertTrue(result.detail().contains("SocketTimeoutException"), result.detail());
        assertTrue(elapsed.compareTo(Duration.ofMillis(TIMEOUT_MILLIS + 2000)) < 0, "took " + elapsed);
        assertTrue(elapsed.compareTo(Duration.ofMillis(TIMEOUT_MILLIS - 200)) > 0, "gave up early: " + elapsed);
        assertEquals(2, received.size());
    }

    @Test
    void aReceiverThatNeverAcceptsTheConnectionIsRetriedWithinTheTimeout() throws Exception {
        // a listening socket whose accept queue is full: the kernel drops further SYNs, so connecting hangs
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                boolean saturated = false;
                for (int i = 0; i < 8 && !saturated; i++) {
                    Socket socket = new Socket();
                    queued.add(socket);
                    try {
                        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 300);
                    } catch (SocketTimeoutException e) {
                        saturated = true;
                    }
                }
                assumeTrue(saturated, "this system does not leave connections to a full accept queue hanging");

                String warmUp = url("/warm-up");
                String url = "http://127.0.0.1:" + full.getLocalPort() + "/hook";
                WebhookChannel channel = channel(warmUp + "," + url, "");
                assertEquals(Outcome.DELIVERED, channel.deliver(new Batch("webhook", warmUp,
                        List.of(alert("alert-0", "shop", "shop-web-1")))).outcome(), "warm-up, so that only the wait is timed");

                long start = System.nanoTime();
                DeliveryResult result = channel.deliver(new Batch("webhook", url, List.of(alert("alert-1", "shop", "shop-web-1"))));
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

                assertEquals(Outcome.RETRY, result.outcome(), result.detail());
                assertTrue(result.detail().contains("ConnectTimeoutException"), result.detail());
                assertTrue(elapsed.compareTo(Duration.ofMillis(TIMEOUT_MILLIS + 2000)) < 0, "took " + elapsed);
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void notFoundFailsForGood() throws Exception {
        String url = url("/gone");
        WebhookChannel channel = channel(url, "");
        answerWith(404);

        DeliveryResult result = channel.deliver(new Batch("webhook", url, List.of(alert("alert-1", "shop", "shop-web-1"))));

        assertEquals(Outcome.FAILED, result.outcome(), result.detail());
        assertTrue(result.detail().startsWith("HTTP 404"), result.detail());
    }

    @Test
    void throttlingIsLeftToTheDeliveryLoop() throws Exception {
        String url = url("/busy");
        WebhookChannel channel = channel(url, "");
        Batch batch = new Batch("webhook", url, List.of(alert("alert-1", "shop", "shop-web-1")));

        for (int status : new int[] {429, 503}) {
            answerWith(status); // with Retry-After: 30, which Apache HttpClient would wait out and repeat by itself
            long start = System.nanoTime();
            DeliveryResult result = channel.deliver(batch);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(Outcome.RETRY, result.outcome(), result.detail());
            assertTrue(result.detail().startsWith("HTTP " + status), result.detail());
            assertTrue(elapsed.compareTo(Duration.ofMillis(TIMEOUT_MILLIS)) < 0, "took " + elapsed);
        }
        assertEquals(2, received.size(), "one request per try");
    }

    @Test
    void aClosedPortIsRetried() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed + "/hook";
        WebhookChannel channel = channel(url, "");

        long start = System.nanoTime();
        DeliveryResult result = channel.deliver(new Batch("webhook", url, List.of(alert("alert-1", "shop", "shop-web-1"))));

        assertEquals(Outcome.RETRY, result.outcome(), result.detail());
        assertTrue(result.detail().contains("Connect"), result.detail());
        assertFalse(result.detail().contains("/hook"), "the URL stays out of the detail: " + result.detail());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(TIMEOUT_MILLIS + 2000)) < 0);
    }
}
