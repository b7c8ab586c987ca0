package io.dhm.trace;

import io.dhm.config.Settings;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * Traces across the pipeline, only with OTEL_EXPORTER_OTLP_ENDPOINT: without it no OpenTelemetry SDK is started and
 * Camel runs no tracer. Configured before the routes are loaded, so that every route gets the tracer's policy.
 */
public class TraceConfiguration implements CamelConfiguration {

    private final Settings settings;

    public TraceConfiguration(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        if (settings.traces().enabled()) {
            PipelineTraces.export(context, settings.traces().tracesUrl().orElseThrow(), settings.serverName());
        }
    }
}
