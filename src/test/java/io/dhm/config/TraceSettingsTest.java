package io.dhm.config;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OTEL_EXPORTER_OTLP_ENDPOINT: off by default, a base URL whose /v1/traces takes the spans, checked at start-up. */
class TraceSettingsTest {

    private static TraceSettings read(String endpoint) {
        Properties properties = new Properties();
        properties.putAll(SettingSources.defaults());
        properties.setProperty("otel.exporter.otlp.endpoint", endpoint);
        return Settings.from(properties).traces();
    }

    @Test
    void offByDefault() {
        Properties defaults = new Properties();
        defaults.putAll(SettingSources.defaults());
        TraceSettings traces = Settings.from(defaults).traces();
        assertFalse(traces.enabled());
        assertEquals(Optional.empty(), traces.tracesUrl());
        assertEquals("traces=off", traces.toString());
    }

    @Test
    void theSpansGoToTheBaseUrlsV1Traces() {
        assertEquals(Optional.of("http://otel-collector:4318/v1/traces"), read("http://otel-collector:4318").tracesUrl());
        assertEquals(Optional.of("http://otel-collector:4318/v1/traces"), read("http://otel-collector:4318/").tracesUrl());
        assertEquals(Optional.of("https://tempo.example.com/otlp/v1/traces"), read("https://tempo.example.com/otlp").tracesUrl());
        assertTrue(read("http://127.0.0.1:4318").enabled());
    }

    @Test
    void anythingButAnHttpBaseUrlIsRefusedNamingTheVariable() {
        for (String wrong : new String[] {"otel-collector:4318", "grpc://otel-collector:4317", "http://", "http://c:4318/?x=1"}) {
            InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> read(wrong), wrong);
            assertTrue(refused.getMessage().contains("OTEL_EXPORTER_OTLP_ENDPOINT"), refused.getMessage());
        }
    }
}
