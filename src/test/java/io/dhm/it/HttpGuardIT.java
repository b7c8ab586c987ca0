package io.dhm.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard in front of the packaged jar's HTTP server, spoken to as raw HTTP/1.1 so that each request carries the
 * Host header the test writes: a host name the monitor does not answer to gets 421 on every surface (API, dashboard,
 * acknowledge pages, health, metrics, Jolokia), the loopback and API_ALLOWED_HOSTS are answered, over HTTP/2 too. Jolokia answers a
 * POST with the API token only. A 20 KB form posted to an acknowledge page is the client's error, answered with 400 and
 * logged without a stack trace.
 */
class HttpGuardIT {

    private static final String TOKEN = "http-guard-it-token-0123456789";
    private static final String ROUTE_STATE = "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=docker-health-monitor,"
            + "type=routes,name=\\\"decide\\\"\",\"attribute\":\"State\"}";

    @TempDir
    static Path workDir;
    static MonitorProcess monitor;

    @BeforeAll
    static void start() throws Exception {
        monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", new SandboxEngine().dockerHost,
                "JOLOKIA_ENABLED", "1", "API_TOKEN", TOKEN, "API_ALLOWED_HOSTS", "monitor.internal"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    void anotherHostNameIsRefusedOnEverySurface() throws IOException {
        for (String path : List.of("/api/status", "/api/openapi.json", "/", "/dashboard/app.js", "/ack/x",
                "/observe/health/ready", "/observe/metrics")) {
            Answer answer = send("GET", path, "evil.example", Map.of(), "");
            assertEquals(421, answer.status(), "GET " + path + ": " + answer);
            assertTrue(answer.body().startsWith("Misdirected request"), answer.toString());
        }
        Answer jolokia = send("POST", "/observe/jolokia", "evil.example:" + monitor.httpPort(),
                Map.of("Authorization", "Bearer " + TOKEN), ROUTE_STATE);
        assertEquals(421, jolokia.status(), jolokia.toString());
    }

    @Test
    void theLoopbackAndAnAllowedHostAreAnswered() throws IOException {
        for (String host : List.of("localhost:" + monitor.httpPort(), "127.0.0.1:" + monitor.httpPort(),
                "[::1]:" + monitor.httpPort(), "monitor.internal")) {
            for (String path : List.of("/api/status", "/", "/observe/health/live")) {
                Answer answer = send("GET", path, host, Map.of(), "");
                assertEquals(200, answer.status(), host + " GET " + path + ": " + answer);
            }
        }
    }

    @Test
    void overHttp2TheAuthorityIsChecked() throws Exception {
        // java.net.http asks to upgrade to HTTP/2, where the Host header becomes the :authority pseudo-header
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + monitor.httpPort() + "/observe/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, answer.version());
        assertEquals(200, answer.statusCode(), answer.body());
    }

    @Test
    void jolokiaAnswersAPostWithTheTokenOnly() throws IOException {
        String host = "localhost:" + monitor.httpPort();
        Answer withToken = send("POST", "/observe/jolokia", host, Map.of("Authorization", "Bearer " + TOKEN), ROUTE_STATE);
        assertEquals(200, withToken.status(), withToken.toString());
        assertTrue(withToken.body().contains("\"value\":\"Started\""), withToken.toString());

        Answer withoutToken = send("POST", "/observe/jolokia", host, Map.of(), ROUTE_STATE);
        assertEquals(401, withoutToken.status(), withoutToken.toString());
        Answer wrongToken = send("POST", "/observe/jolokia", host, Map.of("Authorization", "Bearer not-the-token-at-all"), ROUTE_STATE);
        assertEquals(401, wrongToken.status(), wrongToken.toString());
        Answer tokenInUrl = send("POST", "/observe/jolokia?Authorization=Bearer%20" + TOKEN, host, Map.of(), ROUTE_STATE);
        assertEquals(400, tokenInUrl.status(), tokenInUrl.toString());
        Answer get = send("GET", "/observe/jolokia/version", host, Map.of("Authorization", "Bearer " + TOKEN), "");
        assertEquals(405, get.status(), get.toString());
        Answer otherOrigin = send("POST", "/observe/jolokia", host, Map.of("Authorization", "Bearer " + TOKEN,
                "Origin", "http://localhost:1"), ROUTE_STATE);
        assertEquals(403, otherOrigin.status(), otherOrigin.toString());
        Answer ownOrigin = send("POST", "/observe/jolokia", host, Map.of("Authorization", "Bearer " + TOKEN,
                "Origin", "http://" + host), ROUTE_STATE);
        assertEquals(200, ownOrigin.status(), ownOrigin.toString());
    }

    @Test
    void aTwentyKilobyteFormIsAClientErrorLoggedWithoutAStackTrace() throws IOException {
        int logged = monitor.output().length();
        Answer answer = send("POST", "/ack/x", "127.0.0.1:" + monitor.httpPort(),
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "note=" + "x".repeat(20_000));
        assertEquals(400, answer.status(), answer.toString());
        assertFalse(answer.body().contains("Exception"), answer.toString());
        // Vert.x logged its stack trace before it answered: give the log a moment to show one, which must not come
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> !since(logged).contains("Exception") && !since(logged).contains("\tat "));
        assertTrue(since(logged).lines().filter(line -> line.contains("/ack/x")).count() <= 1, since(logged));
    }

    private static String since(int offset) {
        return monitor.output().substring(offset);
    }

    record Answer(int status, String body) {
    }

    /** One request on its own connection, with the Host header as given (java.net.http would write its own). */
    private static Answer send(String method, String path, String host, Map<String, String> headers, String body)
            throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
                + "\r\nConnection: close\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (!method.equals("GET")) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", monitor.httpPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            String response = readAll(socket.getInputStream());
            int headersEnd = response.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(response.split(" ", 3)[1]),
                    headersEnd < 0 ? "" : response.substring(headersEnd + 4));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }
}
