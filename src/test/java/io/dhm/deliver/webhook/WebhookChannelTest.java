package io.dhm.deliver.webhook;

import io.dhm.deliver.DeliveryResult;
import io.dhm.deliver.DeliveryResult.Outcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WebhookChannelTest {

    private static Outcome outcome(int status) {
        return WebhookChannel.classify(status, "HTTP " + status).outcome();
    }

    @Test
    void successIsDelivered() {
        for (int status : new int[] {200, 201, 202, 204, 299}) {
            assertEquals(Outcome.DELIVERED, outcome(status), "HTTP " + status);
        }
    }

    @Test
    void serverTroubleAndThrottlingAreRetried() {
        for (int status : new int[] {408, 425, 429, 500, 502, 503, 504, 599}) {
            assertEquals(Outcome.RETRY, outcome(status), "HTTP " + status);
        }
    }

    @Test
    void otherClientErrorsAndRedirectsFailForGood() {
        for (int status : new int[] {400, 401, 403, 404, 405, 410, 413, 422, 301, 302, 307, 308, 600}) {
            assertEquals(Outcome.FAILED, outcome(status), "HTTP " + status);
        }
    }

    @Test
    void classifyKeepsTheDetail() {
        DeliveryResult result = WebhookChannel.classify(503, "HTTP 503 Service Unavailable");
        assertEquals("HTTP 503 Service Unavailable", result.detail());
    }

    @Test
    void statusLineHasTheReasonAndAShortAnswer() {
        assertEquals("HTTP 200 OK", WebhookChannel.statusLine(200, "OK", null));
        assertEquals("HTTP 404", WebhookChannel.statusLine(404, "", " "));
        assertEquals("HTTP 400 Bad Request: invalid_payload", WebhookChannel.statusLine(400, "Bad Request", "invalid_payload\n"));
        String answer = WebhookChannel.statusLine(500, "Server Error", "<html>\n" + "x".repeat(1000));
        assertEquals("HTTP 500 Server Error: <html> x", answer.substring(0, 31));
        assertEquals("HTTP 500 Server Error: ".length() + WebhookChannel.ANSWER_LIMIT, answer.length());
    }

    @Test
    void describeNamesTheInnermostCause() {
        assertEquals("ConnectException: Connection refused",
                WebhookChannel.describe(new IOException("Connect to http://h:1 failed", new ConnectException("Connection refused"))));
        assertEquals("SocketTimeoutException: Read timed out",
                WebhookChannel.describe(new SocketTimeoutException("Read timed out")));
        assertEquals("UnknownHostException: nowhere.invalid",
                WebhookChannel.describe(new RuntimeException(new UnknownHostException("nowhere.invalid"))));
        assertEquals("IllegalStateException", WebhookChannel.describe(new IllegalStateException()));
    }

    @Test
    void endpointIsSchemeHostAndPort() {
        assertEquals("https://hooks.slack.com", WebhookChannel.endpoint("https://hooks.slack.com/services/T0/B0/XXXX"));
        assertEquals("http://127.0.0.1:8080", WebhookChannel.endpoint("http://127.0.0.1:8080/hook?token=a%2Bb&x=1"));
        assertEquals("https://example.com:8443", WebhookChannel.endpoint("HTTPS://example.com:8443"));
        assertEquals("http://[::1]:9000", WebhookChannel.endpoint("http://[::1]:9000/x"));
        assertThrows(IllegalArgumentException.class, () -> WebhookChannel.endpoint("ftp://example.com/x"));
        assertThrows(IllegalArgumentException.class, () -> WebhookChannel.endpoint("not a url"));
        assertThrows(IllegalArgumentException.class, () -> WebhookChannel.endpoint("http:///path-only"));
    }
}
