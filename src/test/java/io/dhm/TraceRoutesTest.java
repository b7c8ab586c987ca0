package io.dhm;

import io.dhm.config.SettingSources;
import io.dhm.config.Settings;
import io.dhm.trace.TraceConfiguration;
import io.dhm.engine.Health;
import io.dhm.trace.PipelineTraces;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.telemetry.Tracer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static io.dhm.engine.FakeEngine.compose;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Traces in process, over the bundled routes with their database-backed wait and outbox: one trace from decide through
 * confirm-after-wait (across the stored wait) and dispatch (across the outbox) to the channel-smtp delivery.
 */
class TraceRoutesTest extends RouteTestSupport {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();

    @Override
    protected Map<String, String> settings() {
        // a 600 ms wait; each alert leaves on its own
        return Map.of("WAIT_AND_CHECK_AGAIN_MIN", "0.01", "ALERT_GROUP_WAIT_SEC", "0",
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com");
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        PipelineTraces.install(context, spans, "Test");
        return context;
    }

    private List<SpanData> finished() {
        return spans.getFinishedSpanItems();
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
    }

    @Test
    void anAlertIsOneTraceFromDecideToTheChannelsDelivery() {
        engine.run(compose("c1", "shop", "web", Health.HEALTHY));
        poll();
        engine.run(compose("c1", "shop", "web", Health.UNHEALTHY));
        poll();
        deliverUntil(getMockEndpoint("mock:smtp"), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> finished().stream().anyMatch(span -> span.getName().equals("channel-smtp")));

        String trace = named(finished(), "channel-smtp").getTraceId();
        List<SpanData> alert = finished().stream().filter(span -> span.getTraceId().equals(trace)).toList();
        Set<String> names = alert.stream().map(SpanData::getName).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("decide", "confirm", "dispatch", "evidence", "channel-smtp", "render-email")),
                names.toString());
        // the dispatch began when the stored wait ended, after the confirm route that began it was done
        assertTrue(named(alert, "dispatch").getStartEpochNanos() > named(alert, "confirm").getEndEpochNanos());
        assertEquals(1, alert.stream().filter(span -> !span.getParentSpanContext().isValid()).count(),
                "one root: " + alert);
        assertEquals("docker-health-monitor", named(alert, "decide").getResource().getAttribute(
                io.opentelemetry.api.common.AttributeKey.stringKey("service.name")));
        // the timers and what they call on every tick start no trace of their own
        assertTrue(finished().stream().noneMatch(span -> Set.of("poll-engine", "heal-due").contains(span.getName())),
                names.toString());
    }

    @Test
    void withoutAnEndpointNoTracerRuns() throws Exception {
        Properties defaults = new Properties();
        defaults.putAll(SettingSources.defaults());
        try (DefaultCamelContext plain = new DefaultCamelContext()) {
            new TraceConfiguration(Settings.from(defaults)).configure(plain);
            assertNull(plain.hasService(Tracer.class));
            assertTrue(plain.getRegistry().findByType(io.opentelemetry.api.trace.Tracer.class).isEmpty());
        }
    }
}
