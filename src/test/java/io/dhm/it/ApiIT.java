package io.dhm.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST API end to end: the packaged jar with API_TOKEN against the sandbox engine, every endpoint over real
 * HTTP, with bad input and without or with a wrong token.
 */
class ApiIT extends EmailedMonitor {

    static final String TOKEN = "it-token-0123456789abcdef";
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        startMonitor(Map.of(
                "WAIT_AND_CHECK_AGAIN_MIN", "0.05",
                "API_TOKEN", TOKEN,
                "CUSTOM_CHECKS", "never-*=tcp://127.0.0.1:1",
                "CHECK_INTERVAL_SEC", "1",
                "CHECK_FAILURES", "1"));
        api = new ApiClient(monitor.httpPort(), TOKEN);
    }

    private static void assertError(ApiClient.Reply reply, int status, String field) {
        assertEquals(status, reply.status(), reply.raw().body());
        assertTrue(reply.json().path("error").asText().length() > 5, reply.raw().body());
        if (field != null) {
            assertEquals(field, reply.json().path("field").asText(), reply.raw().body());
        }
    }

    private static JsonNode containerNamed(String name) throws Exception {
        ApiClient.Reply list = api.get("/api/containers");
        assertEquals(200, list.status());
        return StreamSupport.stream(list.json().spliterator(), false)
                .filter(c -> name.equals(c.path("name").asText())).findFirst().orElse(null);
    }

    @Test
    void statusAndTheOpenApiDocument() throws Exception {
        ApiClient.Reply status = api.get("/api/status");
        assertEquals(200, status.status());
        assertTrue(status.json().path("docker").path("reachable").asBoolean());
        assertTrue(status.json().path("apiWritable").asBoolean());
        ApiClient.Reply openapi = api.get("/api/openapi.json");
        assertEquals(200, openapi.status());
        assertTrue(openapi.raw().body().contains("/api/silences") && openapi.raw().body().contains("/api/containers/{id}/restart"));
    }

    @Test
    void containersListedFoundByNameOrShortIdAndUnknownOnesAre404() throws Exception {
        String name = SandboxEngine.unique("api-web");
        String id = engine.startMonitored(name);
        await().atMost(Duration.ofSeconds(20)).until(() -> containerNamed(name) != null
                && "healthy".equals(containerNamed(name).path("status").asText()));
        JsonNode listed = containerNamed(name);
        assertEquals("standalone", listed.path("project").asText());
        assertTrue(listed.path("state").asText().startsWith("Up"), listed.toString());
        assertTrue(listed.path("monitored").asBoolean());

        assertEquals(id, api.get("/api/containers/" + name).json().path("id").asText());
        assertEquals(name, api.get("/api/containers/" + id.substring(0, 12)).json().path("name").asText());
        assertError(api.get("/api/containers/no-such-container"), 404, null);
        assertEquals(0, api.get("/api/containers?project=no-such-project").json().size());
    }

    @Test
    void changingCallsNeedTheTokenAndJson() throws Exception {
        String silence = "{\"container\": \"x\", \"until\": \"2099-01-01T00:00:00Z\", \"reason\": \"r\"}";
        assertError(api.callAs(null, "POST", "/api/silences", silence), 401, "Authorization");
        assertError(api.callAs("wrong-token-0123456789", "POST", "/api/silences", silence), 401, "Authorization");
        assertError(api.callAs(null, "POST", "/api/containers/x/restart", null), 401, "Authorization");
        // only in the header: a token in the URL ends up in browser history and proxy logs
        assertError(api.callAs(null, "POST", "/api/silences?Authorization=Bearer%20" + TOKEN, silence), 400, "Authorization");
        assertError(api.callAs(null, "POST", "/api/silences?%61uthorization=Bearer%20" + TOKEN, silence), 400, "Authorization");
        assertError(api.callAs(null, "GET", "/api/config?AUTHORIZATION=Bearer%20" + TOKEN, null), 400, "Authorization");
        assertError(api.call("POST", "/api/silences", null), 415, "Content-Type");
        assertError(api.call("POST", "/api/silences", "not json"), 400, "body");
        assertError(api.call("POST", "/api/silences", "[1, 2]"), 400, "body");
    }

    @Test
    void aSilenceRecordsTheAlertWithoutSendingItAndBadSilencesAreRefused() throws Exception {
        String name = SandboxEngine.unique("api-silenced");
        String id = engine.startMonitored(name);
        assertError(api.call("POST", "/api/silences", "{\"container\": \"" + name + "\", \"reason\": \"r\"}"), 400, "until");
        assertError(api.call("POST", "/api/silences", "{\"container\": \"" + name + "\", \"until\": \"tomorrow\", \"reason\": \"r\"}"), 400, "until");
        assertError(api.call("POST", "/api/silences", "{\"container\": \"" + name + "\", \"until\": \"2001-01-01T00:00:00Z\", \"reason\": \"r\"}"), 400, "until");
        assertError(api.call("POST", "/api/silences", "{\"until\": \"2099-01-01T00:00:00Z\", \"reason\": \"r\"}"), 400, "container");
        assertError(api.call("POST", "/api/silences", "{\"container\": \"" + name + "\", \"until\": \""
                + Instant.now().plusSeconds(3600) + "\"}"), 400, "reason");
        assertError(api.call("POST", "/api/silences", "{\"container\": \"" + name + "\", \"until\": \"+999999999-12-31T23:59:59Z\", \"reason\": \"r\"}"), 400, "until");
        assertError(api.call("POST", "/api/silences", "{\"container\": \"" + "*".repeat(5000) + "\", \"until\": \""
                + Instant.now().plusSeconds(3600) + "\", \"reason\": \"r\"}"), 400, "container");
        assertError(api.call("PUT", "/api/config", "{\"ALERT_COOLDOWN_SEC\": \"99999999999999999999\"}"), 400, "ALERT_COOLDOWN_SEC");

        ApiClient.Reply created = api.call("POST", "/api/silences", "{\"container\": \"" + name
                + "\", \"until\": \"" + Instant.now().plusSeconds(3600) + "\", \"reason\": \"deploying\"}");
        assertEquals(201, created.status(), created.raw().body());
        String silenceId = created.json().path("id").asText();
        assertTrue(api.get("/api/silences").raw().body().contains(silenceId));

        monitor.awaitLog(name + " [standalone]", Duration.ofSeconds(20));
        engine.makeUnhealthy(id);
        await().atMost(Duration.ofSeconds(40)).until(() -> api.get("/api/alerts?container=" + name).json().size() > 0);
        JsonNode alert = api.get("/api/alerts?container=" + name).json().get(0);
        assertEquals("CRITICAL", alert.path("alert").path("severity").asText());
        assertTrue(alert.path("deliveries").size() > 0);
        alert.path("deliveries").forEach(copy -> {
            assertEquals("SILENCED", copy.path("status").asText(), alert.toString());
            assertTrue(copy.path("note").asText().contains("deploying"), alert.toString());
        });
        // the sender looks at the outbox every second: it has a few goes, and sends nothing
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> mails.about(name).isEmpty());

        assertEquals(200, api.call("DELETE", "/api/silences/" + silenceId, null).status());
        assertFalse(api.get("/api/silences").raw().body().contains(silenceId));
        assertError(api.call("DELETE", "/api/silences/" + silenceId, null), 404, null);
    }

    @Test
    void aDeselectedContainerIsNotAlertedUntilSelectedAgain() throws Exception {
        String name = SandboxEngine.unique("api-deselected");
        String id = engine.startMonitored(name);
        monitor.awaitLog(name + " [standalone]", Duration.ofSeconds(20));
        assertError(api.call("POST", "/api/containers/select", "{\"container\": \"" + name + "\", \"monitored\": \"no\"}"), 400, "monitored");
        assertError(api.call("POST", "/api/containers/select", "{\"container\": \"no-such\", \"monitored\": false}"), 404, "container");

        ApiClient.Reply deselected = api.call("POST", "/api/containers/select", "{\"container\": \"" + name + "\", \"monitored\": false}");
        assertEquals(200, deselected.status(), deselected.raw().body());
        assertFalse(deselected.json().path("monitored").asBoolean());
        engine.makeUnhealthy(id);
        // the 3 s wait and a poll, twice over: a watched container would have been alerted by now
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).until(() -> mails.about(name).isEmpty());

        ApiClient.Reply selected = api.call("POST", "/api/containers/select", "{\"container\": \"" + name + "\", \"monitored\": true}");
        assertTrue(selected.json().path("monitored").asBoolean());
        mails.await(name, "CRITICAL", Duration.ofSeconds(40)); // watched again: the next poll sees it unhealthy
    }

    @Test
    void restartAndUnquarantine() throws Exception {
        String name = SandboxEngine.unique("api-restart");
        String id = engine.startMonitored(name);
        String before = engine.startedAt(id);
        ApiClient.Reply restarted = api.call("POST", "/api/containers/" + name + "/restart", null);
        assertEquals(200, restarted.status(), restarted.raw().body());
        assertNotEquals(before, engine.startedAt(id));
        assertError(api.call("POST", "/api/containers/no-such/restart", null), 404, null);
        assertError(api.call("POST", "/api/containers/" + name + "/unquarantine", null), 409, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/events?container=" + name + "&kind=heal").json().size() > 0);
        assertTrue(api.get("/api/events?container=" + name + "&kind=heal").raw().body().contains("restarted by the operator"));
    }

    @Test
    void configShowsNoSecretAppliesLiveSettingsAndRefusesTheRest() throws Exception {
        ApiClient anonymous = new ApiClient(monitor.httpPort(), null);
        assertError(anonymous.get("/api/config"), 401, "Authorization");
        assertError(anonymous.get("/api/config/export"), 401, "Authorization");
        assertError(anonymous.callAs("wrong-token-0123456789", "GET", "/api/config", null), 401, "Authorization");
        assertEquals(200, anonymous.get("/api/status").status(), "other reads need no token");
        JsonNode config = api.get("/api/config").json();
        assertEquals("********", config.path("settings").path("API_TOKEN").asText());
        assertFalse(api.get("/api/config").raw().body().contains(TOKEN));
        assertTrue(config.path("live").toString().contains("AUTOHEAL_ENABLED"));

        ApiClient.Reply changed = api.call("PUT", "/api/config", "{\"AUTOHEAL_MAX_RESTARTS\": \"7\"}");
        assertEquals(200, changed.status(), changed.raw().body());
        assertEquals("7", api.get("/api/config").json().path("settings").path("AUTOHEAL_MAX_RESTARTS").asText());
        assertError(api.call("PUT", "/api/config", "{\"AUTOHEAL_MODE\": \"sometimes\"}"), 400, "AUTOHEAL_MODE");
        assertError(api.call("PUT", "/api/config", "{\"SMTP_HOST\": \"mail.example.com\"}"), 400, "SMTP_HOST");
        assertError(api.call("PUT", "/api/config", "{\"NO_SUCH_SETTING\": \"1\"}"), 400, "NO_SUCH_SETTING");

        ApiClient.Reply export = api.get("/api/config/export");
        assertTrue(export.raw().headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
        String exported = export.raw().body().replace("\"SERVER_NAME\":\"Production\"", "\"SERVER_NAME\":\"Elsewhere\"")
                .replace("\"AUTOHEAL_MAX_RESTARTS\":\"7\"", "\"AUTOHEAL_MAX_RESTARTS\":\"4\"");
        JsonNode imported = api.call("POST", "/api/config/import", exported).json();
        assertEquals("[\"AUTOHEAL_MAX_RESTARTS\"]", imported.path("applied").toString());
        assertEquals("[\"SERVER_NAME\"]", imported.path("needRestart").toString());
        assertEquals("Production", api.get("/api/config").json().path("settings").path("SERVER_NAME").asText());
    }

    @Test
    void customCheckRulesAddedListedAndRemoved() throws Exception {
        String name = SandboxEngine.unique("api-checked");
        engine.start(name, Map.of(), "touch /tmp/ok; while true; do sleep 1; done", false, false, null);
        assertError(api.call("POST", "/api/checks", "{\"container\": \"" + name + "\", \"check\": \"ftp://x\"}"), 400, "check");
        assertError(api.call("POST", "/api/checks", "{\"check\": \"exec:true\"}"), 400, "container");
        ApiClient.Reply added = api.call("POST", "/api/checks", "{\"container\": \"" + name + "\", \"check\": \"exec:test -f /tmp/ok\"}");
        assertEquals(201, added.status(), added.raw().body());
        String ruleId = added.json().path("id").asText();

        await().atMost(Duration.ofSeconds(45)).until(() -> api.get("/api/checks").raw().body().contains("\"container\":\"" + name + "\",\"check\":\"exec test -f /tmp/ok\",\"health\":\"healthy\""));
        assertTrue(api.get("/api/checks").raw().body().contains("\"id\":\"config-1\""), "the CUSTOM_CHECKS rule is listed");
        assertError(api.call("DELETE", "/api/checks/config-1", null), 409, null);
        assertEquals(200, api.call("DELETE", "/api/checks/" + ruleId, null).status());
        assertError(api.call("DELETE", "/api/checks/" + ruleId, null), 404, null);
    }

    @Test
    void eventsAndAlertsTakeLimitsAndFilters() throws Exception {
        assertEquals(200, api.get("/api/events?limit=5").status());
        assertTrue(api.get("/api/events?limit=5").json().size() <= 5);
        assertError(api.get("/api/events?limit=0"), 400, "limit");
        assertError(api.get("/api/events?limit=many"), 400, "limit");
        assertError(api.get("/api/events?kind=gossip"), 400, "kind");
        assertEquals(200, api.get("/api/alerts?severity=critical&limit=3").status());
        assertError(api.get("/api/alerts?severity=loud"), 400, "severity");
    }

    @Test
    void withoutApiTokenTheApiIsReadOnly(@TempDir Path otherDir) throws Exception {
        try (MonitorProcess readOnly = MonitorProcess.started(otherDir, Map.of("DOCKER_HOST", engine.dockerHost,
                "SMTP_PASS", "it-smtp-secret-0123"))) {
            ApiClient anonymous = new ApiClient(readOnly.httpPort(), null);
            assertEquals(200, anonymous.get("/api/status").status());
            assertFalse(anonymous.get("/api/status").json().path("apiWritable").asBoolean());
            assertEquals("********", anonymous.get("/api/config").json().path("settings").path("SMTP_PASS").asText(),
                    "without API_TOKEN the configuration is open to read, secrets masked");
            assertFalse(anonymous.get("/api/config").raw().body().contains("it-smtp-secret-0123"));
            assertError(anonymous.callAs("anything-0123456789", "POST", "/api/silences",
                    "{\"container\": \"x\", \"until\": \"2099-01-01T00:00:00Z\", \"reason\": \"r\"}"), 403, null);
        }
    }
}
