package io.dhm.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Camel's OpenTelemetry tracer (camel-opentelemetry2) over the SDK, for the routes of the pipeline: a span per route
 * an exchange runs and per endpoint it is sent to, each alert one trace from the engine event to the channel's
 * delivery. The trace crosses the two places where the exchange does not go on: the wait of confirm-after-wait (the
 * aggregated exchange the database keeps carries the traceparent header of the one that began the wait, and the
 * tracer reads it back) and the outbox (the alert's row keeps it, {@link TraceParent}, {@link JoinCurrentTrace}).
 * Spans leave in batches from a queue of their own ({@link BatchSpanProcessor}: a full queue drops spans, it never
 * blocks a route).
 */
public final class PipelineTraces {

    public static final String SERVICE_NAME = "docker-health-monitor";

    /**
     * What starts no trace of its own: the timers (the next poll, delivery, resource sample ... would each be a trace
     * every few seconds, most with nothing in it), what a timer calls on every tick (the poll of an engine: a change it
     * finds begins its trace at decide; the look for heals due: a restart begins its trace at heal-container), and the
     * HTTP server (API, dashboard, acknowledge links, health and metrics). What these set off is traced.
     */
    static final String UNTRACED = String.join(",", "timer:*", "direct:poll-engine", "direct:heal-due", "platform-http:*",
            "rest:*", "rest-api:*", "direct:api-*", "direct:dashboard-headers", "direct:ack-link-page");

    private static final Logger LOG = LoggerFactory.getLogger(PipelineTraces.class);
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);
    private static final long FLUSH_AT_STOP_SECONDS = 3;

    private PipelineTraces() {
    }

    /** Traces the context's routes to the OTLP/HTTP receiver at {@code tracesUrl} (its /v1/traces). */
    public static void export(CamelContext context, String tracesUrl, String serverName) throws Exception {
        SpanExporter otlp = OtlpHttpSpanExporter.builder().setEndpoint(tracesUrl).setTimeout(EXPORT_TIMEOUT).build();
        install(context, new CollectorWatch(otlp, tracesUrl), serverName);
        LOG.info("Traces: spans of the pipeline go to {}", tracesUrl);
    }

    /**
     * Traces the context's routes to {@code exporter} (the OTLP one, or the tests' in memory); called before the routes
     * start, so that each gets the tracer's policy.
     */
    public static void install(CamelContext context, SpanExporter exporter, String serverName) throws Exception {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), SERVICE_NAME,
                        AttributeKey.stringKey("deployment.environment.name"), serverName))))
                .addSpanProcessor(BatchSpanProcessor.builder(new MaskedSpans(exporter)).build())
                .build();
        // camel-opentelemetry2 looks both up in the registry, and else in GlobalOpenTelemetry, left alone here
        context.getRegistry().bind("openTelemetryTracer", provider.get(SERVICE_NAME));
        context.getRegistry().bind("openTelemetryPropagators", ContextPropagators.create(W3CTraceContextPropagator.getInstance()));
        context.getManagementStrategy().addEventNotifier(new JoinCurrentTrace()); // before the tracer's own
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.setExcludePatterns(UNTRACED);
        tracer.init(context);
        // stopped after the routes: what they ended last is sent, for a short while, before the JVM exits
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                provider.shutdown().join(FLUSH_AT_STOP_SECONDS, TimeUnit.SECONDS);
            }
        }, true, true);
    }
}
