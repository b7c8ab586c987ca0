package io.dhm.resource;

import io.dhm.check.CustomChecks;
import io.dhm.config.ResourceSettings;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.TrackedContainer;
import io.dhm.engine.ContainerView;
import io.dhm.alert.Alert;
import io.dhm.alert.AlertFactory;
import io.dhm.alert.Severity;
import io.dhm.resource.ResourceLevels.Level;
import io.dhm.resource.ResourceLevels.Shift;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Resource signals. Every STATS_INTERVAL_SEC the resources route samples each monitored container once (from the
 * cgroup files or one-shot stats calls, see {@link ResourceReader}; no long-lived stream per container), keeps its
 * time series, and turns a
 * CPU or memory level held for RESOURCE_SUSTAINED_SEC into an alert: WARNING above CPU_THRESHOLD / MEMORY_THRESHOLD,
 * CRITICAL above the critical ones, INFO when it is back below. Labels {@code healthmonitor.cpu.threshold},
 * {@code healthmonitor.cpu.critical}, {@code healthmonitor.memory.threshold}, {@code healthmonitor.memory.critical}
 * override the thresholds per container.
 */
public class ResourceWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceWatch.class);

    private final ResourceSettings settings;
    private final ResourceReader reader;
    private final ContainerTracker tracker;
    private final CustomChecks checks;
    private final AlertFactory alerts;
    private final Clock clock;
    private final ResourceLevels levels = new ResourceLevels();
    private final Map<String, ResourceSeries> series = new ConcurrentHashMap<>();
    private final Map<String, Reading> latest = new ConcurrentHashMap<>();
    /** Containers whose stats call is under way: a slow engine must not pile up calls for the same container. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /** A container's last sample, for the gauges and the API. */
    public record Reading(ContainerView container, ResourceSample sample) {
    }

    public ResourceWatch(ResourceSettings settings, ResourceReader reader, ContainerTracker tracker, CustomChecks checks,
                         AlertFactory alerts, Clock clock) {
        this.settings = settings;
        this.reader = reader;
        this.tracker = tracker;
        this.checks = checks;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** The running monitored containers not being sampled already; those no longer here are forgotten. */
    private List<ContainerView> targets() {
        if (!settings.enabled()) {
            return List.of();
        }
        List<ContainerView> running = tracker.snapshot().stream()
                .filter(tracked -> !"not_found".equals(tracked.status()) && tracked.container().running())
                .map(TrackedContainer::container)
                .toList();
        Set<String> keys = running.stream().map(ContainerView::key).collect(Collectors.toSet());
        levels.retain(keys);
        series.keySet().retainAll(keys);
        latest.keySet().retainAll(keys);
        reader.retain(running.stream().map(ContainerView::id).collect(Collectors.toSet()));
        return running.stream().filter(container -> inFlight.add(container.key())).toList();
    }

    /**
     * One sample of every running monitored container, and the alerts their levels call for. Containers read from the
     * cgroup files are sampled one after another on this thread: a few file reads each, far less than handing each to
     * a thread of its own (a thousand containers every STATS_INTERVAL_SEC). Those read through the engine's stats API
     * (a remote engine, a cgroup outside the tree) each wait about two seconds for the engine, so they run side by side
     * on {@code pool}.
     */
    public List<Alert> sampleAll(ExecutorService pool) throws InterruptedException, ExecutionException {
        List<Alert> raised = new ArrayList<>();
        Map<Boolean, List<ContainerView>> fromFiles = targets().stream().collect(Collectors.partitioningBy(reader::fromFiles));
        fromFiles.get(true).forEach(container -> raised.addAll(sample(container)));
        List<Callable<List<Alert>>> calls = fromFiles.get(false).stream()
                .<Callable<List<Alert>>>map(container -> () -> sample(container)).toList();
        for (Future<List<Alert>> call : pool.invokeAll(calls)) {
            raised.addAll(call.get());
        }
        return raised;
    }

    /** One sample of one container; the alerts its levels call for (none, one per metric at most). */
    private List<Alert> sample(ContainerView container) {
        try {
            return sampleOnce(container);
        } finally {
            inFlight.remove(container.key());
        }
    }

    private List<Alert> sampleOnce(ContainerView container) {
        Optional<ResourceSample> read = reader.read(container);
        if (read.isEmpty()) {
            return List.of();
        }
        ResourceSample sample = read.get();
        series.computeIfAbsent(container.key(), key -> new ResourceSeries()).add(sample);
        latest.put(container.key(), new Reading(container, sample));
        List<Alert> raised = new ArrayList<>();
        levels.observe(container.key(), "cpu", sample.cpuPercent(),
                        threshold(container, "healthmonitor.cpu.threshold", settings.cpuWarning()),
                        threshold(container, "healthmonitor.cpu.critical", settings.cpuCritical()), settings.sustained(), sample.at())
                .ifPresent(shift -> raised.add(alert(container, shift, sample)));
        levels.observe(container.key(), "memory", sample.memoryPercent(),
                        threshold(container, "healthmonitor.memory.threshold", settings.memoryWarning()),
                        threshold(container, "healthmonitor.memory.critical", settings.memoryCritical()), settings.sustained(), sample.at())
                .ifPresent(shift -> raised.add(alert(container, shift, sample)));
        latency(container, sample, raised);
        return raised;
    }

    /**
     * The p95 of the container's HTTP check response times over LATENCY_WINDOW_SEC against LATENCY_P95_MS (label
     * {@code healthmonitor.latency.p95.ms}); critical above LATENCY_CRITICAL_P95_MS, by default twice that.
     */
    private void latency(ContainerView container, ResourceSample sample, List<Alert> raised) {
        double warning = threshold(container, "healthmonitor.latency.p95.ms", settings.latencyP95Ms());
        if (warning <= 0) {
            return;
        }
        double critical = container.label("healthmonitor.latency.p95.ms") != null ? 2 * warning : settings.latencyCriticalMs();
        checks.latencyP95(container.id(), settings.latencyWindow()).ifPresent(p95 -> levels.observe(container.key(),
                        "latency", p95, warning, critical, settings.sustained(), sample.at())
                .ifPresent(shift -> raised.add(latencyAlert(container, shift, p95, warning))));
    }

    private Alert latencyAlert(ContainerView container, Shift shift, long p95, double warning) {
        String what = "HTTP check p95 response time " + p95 + " ms over the last " + settings.latencyWindow().toSeconds()
                + " s (threshold " + Math.round(warning) + " ms)";
        String details = shift.to() == Level.OK ? what + ": back below it since " + shift.since() + "."
                : what + ", " + word(shift.to()) + " for at least " + settings.sustained().toSeconds() + " s.";
        return alerts.action(severity(shift.to()), container, "latency_" + word(shift.from()), "latency_" + word(shift.to()),
                details, "");
    }

    private static Severity severity(Level level) {
        return switch (level) {
            case CRITICAL -> Severity.CRITICAL;
            case WARNING -> Severity.WARNING;
            case OK -> Severity.INFO;
        };
    }

    public Map<String, Reading> latest() {
        return Map.copyOf(latest);
    }

    public Optional<ResourceSeries> series(String key) {
        return Optional.ofNullable(series.get(key));
    }

    /**
     * The samples of the last hour of the container with this name ({@code engine/name} with several engines: an alert
     * knows the name), oldest first.
     */
    public List<ResourceSample> recentSamples(String containerName) {
        return latest.entrySet().stream()
                .filter(reading -> reading.getValue().container().displayName().equals(containerName))
                .findFirst()
                .flatMap(reading -> series(reading.getKey()))
                .map(ResourceSeries::recent)
                .orElse(List.of());
    }

    private static double threshold(ContainerView container, String label, double fallback) {
        String raw = container.label(label);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private Alert alert(ContainerView container, Shift shift, ResourceSample sample) {
        String metric = shift.metric();
        String what = "cpu".equals(metric)
                ? String.format(Locale.ROOT, "CPU at %.1f %% (100 %% = one CPU)", sample.cpuPercent())
                : String.format(Locale.ROOT, "Memory at %.1f %% of its limit (%s of %s)", sample.memoryPercent(),
                        mib(sample.memoryBytes()), mib(sample.memoryLimitBytes()));
        String details = shift.to() == Level.OK
                ? what + ": back below its threshold since " + shift.since() + " (it was " + word(shift.from()) + ")."
                : what + ", " + word(shift.to()) + " for at least " + settings.sustained().toSeconds()
                        + " s (since " + shift.since() + "; RESOURCE_SUSTAINED_SEC). Pids " + sample.pids() + ".";
        Severity severity = severity(shift.to());
        LOG.warn("{} [{}]: {} {} → {}", container.displayName(), container.projectLabel(), metric, word(shift.from()), word(shift.to()));
        return alerts.action(severity, container, metric + "_" + word(shift.from()), metric + "_" + word(shift.to()),
                details, "");
    }

    private static String word(Level level) {
        return level.name().toLowerCase(Locale.ROOT);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
    }
}
