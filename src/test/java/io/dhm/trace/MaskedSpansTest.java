package io.dhm.trace;

import io.dhm.config.SecretValues;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What leaves for the collector has the secrets masked by value: a webhook's token in its URL, a route's log line. */
class MaskedSpansTest {

    private static final String TOKEN_PATH = "/services/T0DHM/B0TRACE/s3cr3tWebhookToken";
    private static final String WEBHOOK = "https://hooks.example.com" + TOKEN_PATH;

    @Test
    void secretValuesInAttributesAndEventsAreMasked() {
        Properties settings = new Properties();
        settings.setProperty("webhook.urls", WEBHOOK);
        SecretValues.register(settings);
        InMemorySpanExporter collector = InMemorySpanExporter.create();
        // exported as it ends (closing the provider would empty the in-memory exporter)
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new MaskedSpans(collector))).build();
        Span span = provider.get("test").spanBuilder("POST").startSpan();
        span.setAttribute("http.url", WEBHOOK);
        span.setAttribute("http.status_code", 200L);
        span.addEvent("log", Attributes.of(AttributeKey.stringKey("message"), "ALERT CRITICAL web-1 for " + WEBHOOK));
        span.end();

        SpanData sent = collector.getFinishedSpanItems().get(0);
        String url = sent.getAttributes().get(AttributeKey.stringKey("http.url"));
        assertFalse(url.contains("s3cr3tWebhookToken"), url);
        assertEquals(SecretValues.mask(WEBHOOK), url);
        assertEquals(200L, sent.getAttributes().get(AttributeKey.longKey("http.status_code")), "other values as they are");
        String logged = sent.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("message"));
        assertFalse(logged.contains("s3cr3tWebhookToken"), logged);
        assertEquals("POST", sent.getName());
    }
}
