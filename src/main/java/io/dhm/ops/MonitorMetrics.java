package io.dhm.ops;

import io.dhm.cluster.Leadership;
import io.dhm.foundation.PipelineMeters;
import io.dhm.deliver.DeliveryResult;
import io.dhm.deliver.DeliveryLoop;
import io.dhm.deliver.Outbox;
import io.dhm.engine.DockerGateway;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.Collector;
import io.dhm.resource.ResourceSample;
import io.dhm.resource.ResourceWatch;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The monitor's own metrics, all named dhm_*, in the one Micrometer registry that Camel also fills with its route
 * metrics and serves at /observe/metrics (Prometheus text format). The few places that matter call in here: the
 * Docker gateway (every engine call), the delivery loop (every delivery attempt), the decide route (every transition),
 * the auto-heal route (every restart and quarantine) and the heartbeat (every ping). Container counts are read from
 * the tracker at each scrape.
 */
public class MonitorMetrics implements DockerGateway.CallObserver, DeliveryLoop.Listener {

    /** The name camel-micrometer looks the registry up by (MicrometerConstants.METRICS_REGISTRY_NAME). */
    public static final String REGISTRY_BEAN = "metricsRegistry";

    private static final Duration[] DELIVERY_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1)};
    private static final Duration[] DOCKER_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(25),
            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10)};

    private final MeterRegistry registry;

    public MonitorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A new registry for the Prometheus text format: the one the monitor binds for Camel as {@link #REGISTRY_BEAN}. */
    public static MonitorMetrics prometheus() {
        return new MonitorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** dhm_docker_api_calls_total{engine,operation,outcome} and dhm_docker_api_seconds{engine,operation}. */
    @Override
    public void called(String engine, String operation, long nanos, boolean answered) {
        Counter.builder("dhm.docker.api.calls")
                .description("Calls to the Docker engine API, by engine and operation, and whether the engine answered")
                .tag("engine", engine)
                .tag("operation", operation)
                .tag("outcome", answered ? "ok" : "error")
                .register(registry).increment();
        Timer.builder("dhm.docker.api")
                .description("Time the Docker engine took to answer (or fail), by engine and operation")
                .tag("engine", engine)
                .tag("operation", operation)
                .serviceLevelObjectives(DOCKER_BUCKETS)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * dhm_alerts_total{channel,severity,engine,outcome} for each alert a delivery attempt carried (outcome sent, retry or
     * failed), and, once sent, dhm_delivery_seconds{channel}: from the alert's entry in the outbox to its delivery.
     */
    @Override
    public void attempted(String channel, Outbox.Pending copy, DeliveryResult.Outcome outcome, Instant at) {
        Counter.builder("dhm.alerts")
                .description("Alerts per delivery attempt, by channel, severity, engine and outcome (sent, retry, failed)")
                .tag("channel", channel)
                .tag("severity", lower(copy.alert().severity().name()))
                .tag("engine", PipelineMeters.engineOf(copy.alert()))
                .tag("outcome", switch (outcome) {
                    case DELIVERED -> "sent";
                    case RETRY -> "retry";
                    case FAILED -> "failed";
                })
                .register(registry).increment();
        if (outcome == DeliveryResult.Outcome.DELIVERED) {
            Timer.builder("dhm.delivery")
                    .description("From an alert's creation (its entry in the outbox) to its delivery, by channel")
                    .tag("channel", channel)
                    .serviceLevelObjectives(DELIVERY_BUCKETS)
                    .register(registry).record(Duration.between(copy.createdAt(), at).abs());
        }
    }

    /** dhm_heartbeat_pings_total{outcome}: called by {@link Heartbeat} for each ping it sends, ok (2xx) or failed. */
    public void heartbeat(boolean ok) {
        Counter.builder("dhm.heartbeat.pings")
                .description("Pings of the dead-man's switch (HEARTBEAT_URL), by outcome (ok, failed)")
                .tag("outcome", ok ? "ok" : "failed")
                .register(registry).increment();
    }

    /**
     * dhm_role{role}: 1 for this instance's role (single, leader or follower), 0 for the others, so that a pair's
     * dashboards and alert rules can tell which instance leads (and that exactly one does).
     */
    public void watchRole(Leadership leadership) {
        for (Leadership.Role role : Leadership.Role.values()) {
            Gauge.builder("dhm.role", leadership, current -> current.role() == role ? 1 : 0)
                    .description("1 for the role of this instance: single, leader or follower")
                    .tag("role", role.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
    }

    /**
     * dhm_containers{state,project}, computed from {@code census} at every scrape, so it is never stale and a project
     * that is gone disappears. Only a Prometheus registry can carry it.
     */
    public void watch(Supplier<ContainerCensus> census) {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            prometheus.getPrometheusRegistry().register(new ContainerCollector(census));
        }
    }

    /**
     * dhm_container_cpu_percent, dhm_container_memory_percent, dhm_container_memory_bytes, dhm_container_pids
     * {container,project}: each monitored container's last resource sample, read at every scrape.
     */
    public void watchResources(Supplier<Map<String, ResourceWatch.Reading>> readings) {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            prometheus.getPrometheusRegistry().register(new ResourceCollector("dhm_container_cpu_percent",
                    "CPU use of the last sample, 100 = one CPU", readings, ResourceSample::cpuPercent));
            prometheus.getPrometheusRegistry().register(new ResourceCollector("dhm_container_memory_percent",
                    "Memory use of the last sample, percent of the limit", readings, ResourceSample::memoryPercent));
            prometheus.getPrometheusRegistry().register(new ResourceCollector("dhm_container_memory_bytes",
                    "Memory use of the last sample, page cache excluded", readings, sample -> sample.memoryBytes()));
            prometheus.getPrometheusRegistry().register(new ResourceCollector("dhm_container_pids",
                    "Processes in the container at the last sample", readings, sample -> sample.pids()));
        }
    }

    private record ResourceCollector(String name, String help, Supplier<Map<String, ResourceWatch.Reading>> readings,
                                     java.util.function.ToDoubleFunction<ResourceSample> figure) implements Collector {

        @Override
        public MetricSnapshot collect() {
            GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
            for (ResourceWatch.Reading reading : readings.get().values()) {
                gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("container", reading.container().name(), "engine", reading.container().engineName(),
                                "project", reading.container().projectLabel()))
                        .value(figure.applyAsDouble(reading.sample()))
                        .build());
            }
            return gauge.build();
        }

        @Override
        public String getPrometheusName() {
            return name;
        }
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private record ContainerCollector(Supplier<ContainerCensus> census) implements Collector {

        @Override
        public MetricSnapshot collect() {
            GaugeSnapshot.Builder gauge = GaugeSnapshot.builder()
                    .name("dhm_containers")
                    .help("Containers by state (monitored, unhealthy, pending, alerted, quarantined), engine and compose project");
            for (ContainerCensus.Row row : census.get().rows()) {
                gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("engine", row.engine(), "project", row.project(), "state", row.state()))
                        .value(row.count())
                        .build());
            }
            return gauge.build();
        }

        @Override
        public String getPrometheusName() {
            return "dhm_containers";
        }
    }
}
