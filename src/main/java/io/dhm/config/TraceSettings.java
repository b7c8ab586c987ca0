package io.dhm.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Traces across the pipeline (OTEL_EXPORTER_OTLP_ENDPOINT, the variable every OpenTelemetry SDK reads): each alert one
 * trace, from the engine event to the channel's delivery, sent as OTLP/HTTP to a collector, Jaeger or Tempo.
 *
 * @param endpoint the collector's OTLP/HTTP base URL, e.g. http://otel-collector:4318; empty = off (no SDK started)
 */
public record TraceSettings(Optional<URI> endpoint) {

    static final String ENDPOINT = "otel.exporter.otlp.endpoint";

    static TraceSettings read(Properties properties) {
        return new TraceSettings(new PropertyReader(properties).optional(ENDPOINT).map(TraceSettings::checkedEndpoint));
    }

    private static URI checkedEndpoint(String raw) {
        try {
            URI uri = new URI(raw.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw PropertyReader.invalid(ENDPOINT, "is not an http:// or https:// base URL of an OTLP/HTTP receiver, e.g."
                + " http://otel-collector:4318 (the spans go to its /v1/traces): '" + raw + "'");
    }

    public boolean enabled() {
        return endpoint.isPresent();
    }

    /** Where the spans are POSTed: the base URL's /v1/traces, as the OpenTelemetry specification has it. */
    public Optional<String> tracesUrl() {
        return endpoint.map(uri -> uri.toString().replaceAll("/+$", "") + "/v1/traces");
    }

    @Override
    public String toString() {
        return "traces=" + endpoint.map(URI::toString).orElse("off");
    }
}
