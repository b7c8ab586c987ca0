package io.dhm.ops;

import io.dhm.foundation.PipelineMeters;
import io.dhm.deliver.DeliveryResult;
import io.dhm.deliver.Outbox;
import io.dhm.observe.Change;
import io.dhm.observe.Transition;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics as Prometheus reads them: a real registry, scraped as /observe/metrics serves it. */
class MonitorMetricsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final MonitorMetrics metrics = MonitorMetrics.prometheus();

    private String scrape() {
        return ((PrometheusMeterRegistry) metrics.registry()).scrape();
    }

    private static void assertLine(String scrape, String line) {
        assertTrue(scrape.lines().anyMatch(line::equals), "no line '" + line + "' in:\n" + scrape);
    }

    private static Alert alert(Severity severity, String project, String toStatus) {
        return new Alert("a-1", severity, "Test", project, "web-1", "id-web", "img", "healthy", toStatus,
                ZonedDateTime.of(2026, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC), "details", "", "", List.of("ops@example.com"));
    }

    @Test
    void dockerCallsAreCountedAndTimedByOperation() {
        metrics.called("local", "list", TimeUnit.MILLISECONDS.toNanos(12), true);
        metrics.called("local", "list", TimeUnit.MILLISECONDS.toNanos(8), true);
        metrics.called("web2", "inspect", TimeUnit.MILLISECONDS.toNanos(3), false);

        String scrape = scrape();
        assertLine(scrape, "dhm_docker_api_calls_total{engine=\"local\",operation=\"list\",outcome=\"ok\"} 2.0");
        assertLine(scrape, "dhm_docker_api_calls_total{engine=\"web2\",operation=\"inspect\",outcome=\"error\"} 1.0");
        assertLine(scrape, "dhm_docker_api_seconds_count{engine=\"local\",operation=\"list\"} 2");
        assertLine(scrape, "dhm_docker_api_seconds_sum{engine=\"local\",operation=\"list\"} 0.02");
        assertLine(scrape, "dhm_docker_api_seconds_bucket{engine=\"local\",operation=\"list\",le=\"0.025\"} 2");
    }

    @Test
    void deliveryAttemptsAreCountedPerAlertAndTheLatencyOfASentOneIsTimed() {
        Outbox.Pending copy = new Outbox.Pending(1, alert(Severity.CRITICAL, "shop", "unhealthy"), 0, T0, null);
        metrics.attempted("webhook", copy, DeliveryResult.Outcome.RETRY, T0.plusSeconds(30));
        metrics.attempted("webhook", copy, DeliveryResult.Outcome.DELIVERED, T0.plusSeconds(42));
        metrics.attempted("smtp", copy, DeliveryResult.Outcome.FAILED, T0.plusSeconds(31));

        String scrape = scrape();
        assertLine(scrape, "dhm_alerts_total{channel=\"webhook\",engine=\"local\",outcome=\"retry\",severity=\"critical\"} 1.0");
        assertLine(scrape, "dhm_alerts_total{channel=\"webhook\",engine=\"local\",outcome=\"sent\",severity=\"critical\"} 1.0");
        assertLine(scrape, "dhm_alerts_total{channel=\"smtp\",engine=\"local\",outcome=\"failed\",severity=\"critical\"} 1.0");
        assertLine(scrape, "dhm_delivery_seconds_count{channel=\"webhook\"} 1");
        assertLine(scrape, "dhm_delivery_seconds_sum{channel=\"webhook\"} 42.0");
        assertLine(scrape, "dhm_delivery_seconds_bucket{channel=\"webhook\",le=\"60.0\"} 1");
        assertFalse(scrape.contains("dhm_delivery_seconds_count{channel=\"smtp\"}"), "nothing was delivered by smtp");
    }

    @Test
    void transitionsRestartsAndQuarantinesAreCounted() {
        PipelineMeters stages = new PipelineMeters(metrics.registry()); // what the routes count, in the same registry
        ContainerView web = new ContainerView("id-web", "web-1", "img", "shop", "web", "1", true, Health.UNHEALTHY, "");
        stages.transition(new Transition(web, "healthy", "unhealthy", Change.UNHEALTHY, T0, T0, "healthy", null));
        stages.transition(new Transition(web, "unhealthy", "healthy", Change.RETURNED, T0, T0, "healthy", null));
        stages.transition(new Transition(web, "healthy", "unhealthy", Change.UNHEALTHY, T0, T0, "healthy", null));
        stages.healed(alert(Severity.INFO, "shop", "restarted"));
        stages.healed(alert(Severity.CRITICAL, null, "quarantined"));
        stages.healed(alert(Severity.CRITICAL, "shop", "unhealthy")); // not auto-heal's: not counted

        String scrape = scrape();
        assertLine(scrape, "dhm_transitions_total{change=\"unhealthy\",engine=\"local\"} 2.0");
        assertLine(scrape, "dhm_transitions_total{change=\"returned\",engine=\"local\"} 1.0");
        assertLine(scrape, "dhm_restarts_total{engine=\"local\",project=\"shop\"} 1.0");
        assertLine(scrape, "dhm_quarantines_total{engine=\"local\",project=\"standalone\"} 1.0");
    }

    @Test
    void containerCountsAreReadAtEachScrape() {
        AtomicReference<ContainerCensus> census = new AtomicReference<>(ContainerCensus.of(
                List.of(ContainerCensusTest.tracked("web", "shop", "unhealthy", "PENDING")), List.of()));
        metrics.watch(census::get);

        String first = scrape();
        assertLine(first, "dhm_containers{engine=\"local\",project=\"shop\",state=\"unhealthy\"} 1.0");
        assertLine(first, "dhm_containers{engine=\"local\",project=\"shop\",state=\"pending\"} 1.0");
        assertLine(first, "dhm_containers{engine=\"local\",project=\"shop\",state=\"alerted\"} 0.0");

        census.set(ContainerCensus.of(List.of(ContainerCensusTest.tracked("web", "shop", "unhealthy", "ALERTED")),
                List.of("shop/web/1")));
        String second = scrape();
        assertLine(second, "dhm_containers{engine=\"local\",project=\"shop\",state=\"pending\"} 0.0");
        assertLine(second, "dhm_containers{engine=\"local\",project=\"shop\",state=\"alerted\"} 1.0");
        assertLine(second, "dhm_containers{engine=\"local\",project=\"shop\",state=\"quarantined\"} 1.0");
    }
}
