package io.dhm.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jolokia's origin check in Debian's Chromium (src/test/browser/jolokia-origin.spec.mjs): with JOLOKIA_ENABLED=1 and
 * no API token, a page served by another origin on the same host (a small HTTP server of this test on 127.0.0.1,
 * another port) posts Jolokia's exec of a bundled route's stop(), as a page a user opens by mistake would. The request
 * reaches the monitor and is answered, and the route still runs: readiness stays UP. A page of the monitor's own origin
 * reads over Jolokia in the same browser.
 */
class JolokiaOriginIT {

    private static final String ROUTE_MBEAN =
            "org.apache.camel:context=docker-health-monitor,type=routes,name=\"history-retention\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDir;
    static HttpServer otherOrigin;
    static MonitorProcess monitor;
    static BrowserScript browser;

    @BeforeAll
    static void start() throws Exception {
        browser = BrowserScript.of("jolokia-origin.spec.mjs");
        otherOrigin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        otherOrigin.createContext("/", JolokiaOriginIT::page);
        otherOrigin.start();
        monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", new SandboxEngine().dockerHost,
                "JOLOKIA_ENABLED", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (monitor != null) {
            monitor.close();
        }
        if (otherOrigin != null) {
            otherOrigin.stop(0);
        }
    }

    /** Any page will do: what matters is the origin the browser gives the script's requests. */
    private static void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] html = "<!doctype html><title>another origin</title><p>another origin</p>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
        }
    }

    @Test
    void aPageOfAnotherOriginCannotStopARouteOverJolokia() throws Exception {
        ApiClient api = new ApiClient(monitor.httpPort(), null);
        assertEquals(200, api.get("/observe/health/ready").status(), "ready before");

        browser.run("jolokia-origin", "", Map.of(
                "DHM_URL", "http://127.0.0.1:" + monitor.httpPort(),
                "DHM_OTHER_URL", "http://127.0.0.1:" + otherOrigin.getAddress().getPort(),
                "DHM_MBEAN", ROUTE_MBEAN));

        // the browser had its answer, so a stop() that Jolokia ran would have stopped the route by now
        ApiClient.Reply ready = api.get("/observe/health/ready");
        assertEquals(200, ready.status(), "readiness stays UP: " + ready.raw().body());
        ApiClient.Reply state = api.call("POST", "/observe/jolokia", JSON.writeValueAsString(Map.of(
                "type", "read", "mbean", ROUTE_MBEAN, "attribute", "State")));
        JsonNode answer = JSON.readTree(state.raw().body());
        assertEquals("Started", answer.path("value").asText(), answer.toString());
    }
}
