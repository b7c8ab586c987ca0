package io.dhm.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.dhm.alert.AckLinks;
import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acknowledging end to end: the packaged jar against the sandbox engine and a real SMTP server, with a 6 s wait
 * and a repeat every 12 s. A CRITICAL mail carries a signed Acknowledge link; GET shows a form and changes nothing,
 * POST acknowledges; the acknowledged container is not repeated while another one is, and its recovery is still
 * mailed. The API acknowledges with the token; altered and expired links change nothing.
 */
class AcknowledgeIT extends EmailedMonitor {

    static final String TOKEN = "ack-it-token-0123456789";
    static final String SECRET = "ack-it-secret-0123456789abcdef";
    static final Duration REPEAT = Duration.ofSeconds(12);
    static final Pattern LINK = Pattern.compile("Acknowledge: (http://\\S+)");

    static ApiClient api;
    static String publicUrl;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        int port = MonitorProcess.freePort();
        publicUrl = "http://127.0.0.1:" + port;
        startMonitor(Map.of(
                "HTTP_PORT", String.valueOf(port),
                "API_PUBLIC_URL", publicUrl,
                "ACK_LINK_SECRET", SECRET,
                "API_TOKEN", TOKEN,
                "WAIT_AND_CHECK_AGAIN_MIN", "0.1",
                "ALERT_REPEAT_INTERVAL_MIN", "0.2",
                "ALERT_COOLDOWN_SEC", "0"));
        api = new ApiClient(monitor.httpPort(), TOKEN);
    }

    /** A watched container made unhealthy, and its first CRITICAL mail. */
    private record Alerted(String id, Mails.Mail critical) {
    }

    private static Alerted alerted(String name) {
        String id = engine.startMonitored(name);
        monitor.awaitLog(name + " [standalone]", Duration.ofSeconds(20));
        engine.makeUnhealthy(id);
        return new Alerted(id, mails.await(name, "CRITICAL", Duration.ofSeconds(30)));
    }

    private static String link(Mails.Mail mail) {
        Matcher link = LINK.matcher(mail.body());
        assertTrue(link.find(), mail.body());
        return link.group(1);
    }

    private static long criticals(String name) {
        return mails.about(name).stream().filter(mail -> mail.subject().startsWith("CRITICAL:")).count();
    }

    private static JsonNode acknowledged(String name) throws Exception {
        return api.get("/api/containers/" + name).json().path("acknowledged");
    }

    private static JsonNode ackEvents(String name) throws Exception {
        return api.get("/api/events?kind=ack&container=" + name).json();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String by, String comment) throws Exception {
        String form = "by=" + URLEncoder.encode(by, StandardCharsets.UTF_8) + "&comment="
                + URLEncoder.encode(comment, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theMailsLinkAcknowledgesUntilRecoveryWhileAnotherContainerKeepsRepeating() throws Exception {
        String acked = SandboxEngine.unique("ack-web");
        String other = SandboxEngine.unique("ack-other");
        String otherId = engine.startMonitored(other);
        monitor.awaitLog(other + " [standalone]", Duration.ofSeconds(20));
        engine.makeUnhealthy(otherId);
        Alerted alerted = alerted(acked);
        Mails.Mail critical = alerted.critical();
        String link = link(critical);
        assertTrue(link.startsWith(publicUrl + "/ack/" + critical.alertId() + "?expires="), link);
        assertTrue(critical.html() != null && critical.html().contains("\">Acknowledge</a>"), "the HTML part links it too");

        HttpResponse<String> form = get(link);
        assertEquals(200, form.statusCode(), form.body());
        assertTrue(form.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), form.headers().toString());
        assertTrue(form.body().contains(acked) && form.body().contains(critical.alertId()) && form.body().contains("<form"),
                form.body());
        assertTrue(acknowledged(acked).isNull(), "GET acknowledged it");
        assertEquals(0, ackEvents(acked).size());

        HttpResponse<String> done = post(link, "alice", "on it <b>now</b>");
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("acknowledged by alice") && done.body().contains("on it &lt;b&gt;now&lt;/b&gt;"),
                done.body());
        long criticalsWhenAcknowledged = criticals(acked);
        assertEquals("alice", acknowledged(acked).path("by").asText());
        assertEquals(critical.alertId(), acknowledged(acked).path("alertId").asText());
        // a replay of the link (or a colleague a minute late) leaves the first acknowledgement as it is
        HttpResponse<String> replay = post(link, "mallory", "mine now");
        assertEquals(409, replay.statusCode(), replay.body());
        assertTrue(replay.body().contains("already acknowledged by alice"), replay.body());
        assertEquals("alice", acknowledged(acked).path("by").asText());
        assertTrue(get(link).body().contains("Already acknowledged by alice"), "the form is not offered again");

        // two repeat intervals: the other container is announced again twice, the acknowledged one not at all
        long otherBefore = criticals(other);
        await().atMost(REPEAT.multipliedBy(2).plusSeconds(12)).pollInterval(Duration.ofMillis(500))
                .until(() -> criticals(other) >= otherBefore + 2);
        assertEquals(criticalsWhenAcknowledged, criticals(acked), mails.about(acked).toString());

        engine.makeHealthy(alerted.id());
        Mails.Mail recovery = mails.await(acked, "INFO", Duration.ofSeconds(20));
        assertTrue(recovery.body().contains("Status Change:   unhealthy → healthy"), recovery.body());
        assertTrue(!recovery.body().contains("Acknowledge:"), "no link in a recovery");
        JsonNode events = ackEvents(acked);
        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0).path("detail").asText().startsWith("acknowledged by alice: on it"), events.toString());
        await().atMost(Duration.ofSeconds(5)).until(() -> acknowledged(acked).isNull());

        HttpResponse<String> over = get(link);
        assertEquals(409, over.statusCode(), over.body());
    }

    @Test
    void theApiAcknowledgesWithTheTokenAndRefusesWhatItCannot() throws Exception {
        String name = SandboxEngine.unique("ack-api");
        Alerted alerted = alerted(name);
        Mails.Mail critical = alerted.critical();
        String path = "/api/alerts/" + critical.alertId() + "/ack";

        assertEquals(401, api.callAs(null, "POST", path, "{\"by\": \"bob\"}").status());
        ApiClient.Reply noName = api.call("POST", path, "{\"comment\": \"x\"}");
        assertEquals(400, noName.status(), noName.raw().body());
        assertEquals("by", noName.json().path("field").asText());
        assertEquals(404, api.call("POST", "/api/alerts/no-such-alert/ack", "{\"by\": \"bob\"}").status());
        assertTrue(acknowledged(name).isNull());

        ApiClient.Reply done = api.call("POST", path, "{\"by\": \"bob\", \"comment\": \"deploying a fix\"}");
        assertEquals(200, done.status(), done.raw().body());
        assertEquals("bob", done.json().path("by").asText());
        assertEquals("deploying a fix", acknowledged(name).path("comment").asText());
        assertEquals(200, api.get("/api/alerts?severity=warning").status());

        engine.makeHealthy(alerted.id());
        mails.await(name, "INFO", Duration.ofSeconds(20));
        ApiClient.Reply over = api.call("POST", path, "{\"by\": \"bob\"}");
        assertEquals(409, over.status(), over.raw().body());
    }

    @Test
    void alteredExpiredAndUnknownLinksGetAClearPageAndChangeNothing() throws Exception {
        String name = SandboxEngine.unique("ack-bad");
        Mails.Mail critical = alerted(name).critical();
        String link = link(critical);
        String alertId = critical.alertId();

        String otherAlert = link.replace("/ack/" + alertId, "/ack/" + alertId.replace(alertId.charAt(0), alertId.charAt(0) == 'a' ? 'b' : 'a'));
        String laterExpiry = link.replaceFirst("expires=(\\d+)", "expires=9999999999");
        AckLinks expiredSigner = new AckLinks(Optional.of(publicUrl), SECRET.getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(24), Clock.offset(Clock.systemUTC(), Duration.ofHours(-25)));
        String expired = expiredSigner.url(withId(alertId));
        AckLinks signer = new AckLinks(Optional.of(publicUrl), SECRET.getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(24), Clock.systemUTC());
        String unknownAlert = signer.url(withId("no-such-alert"));

        for (String altered : List.of(otherAlert, laterExpiry)) {
            assertPage(get(altered), 404, "Unknown link");
            assertPage(post(altered, "mallory", "x"), 404, "Unknown link");
        }
        assertPage(get(expired), 410, "expired");
        assertPage(post(expired, "mallory", "x"), 410, "expired");
        assertPage(get(unknownAlert), 404, "not found");
        assertPage(post(unknownAlert, "mallory", "x"), 404, "not found");

        assertTrue(acknowledged(name).isNull());
        assertEquals(0, ackEvents(name).size());
        assertEquals(200, get(link).statusCode(), "the real link still works");
    }

    private static void assertPage(HttpResponse<String> page, int status, String says) {
        assertEquals(status, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains(says) && page.body().contains("Nothing was acknowledged"), page.body());
    }

    private static Alert withId(String id) {
        return new Alert(id, Severity.CRITICAL, "", null, "", "", "", "healthy", "unhealthy", ZonedDateTime.now(), "", "", "",
                List.of());
    }
}
