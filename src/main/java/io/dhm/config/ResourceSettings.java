package io.dhm.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * Resource signals: CPU and memory of monitored containers sampled from the engine's stats every
 * STATS_INTERVAL_SEC; above the warning or critical percentage for RESOURCE_SUSTAINED_SEC is an alert.
 *
 * @param statsInterval zero turns sampling off
 * @param cgroupRoot    the host's cgroup tree, read instead of the engine's stats when the engine is local (CGROUP_ROOT;
 *                      empty: always the engine's stats)
 */
public record ResourceSettings(Duration statsInterval, double cpuWarning, double cpuCritical, double memoryWarning,
                               double memoryCritical, Duration sustained, double latencyP95Ms, double latencyCriticalMs,
                               Duration latencyWindow, Optional<Path> cgroupRoot) {

    static ResourceSettings read(Properties properties) {
        PropertyReader p = new PropertyReader(properties);
        double cpuWarning = p.number("cpu.threshold", false);
        double cpuCritical = p.number("cpu.critical.threshold", false);
        double memoryWarning = p.number("memory.threshold", false);
        double memoryCritical = p.number("memory.critical.threshold", false);
        if (cpuCritical < cpuWarning) {
            throw PropertyReader.invalid("cpu.critical.threshold", "is below CPU_THRESHOLD (" + cpuWarning + ")");
        }
        if (memoryCritical < memoryWarning) {
            throw PropertyReader.invalid("memory.critical.threshold", "is below MEMORY_THRESHOLD (" + memoryWarning + ")");
        }
        double latency = p.number("latency.p95.ms", true);
        double latencyCritical = p.number("latency.critical.p95.ms", true);
        if (latencyCritical > 0 && latencyCritical < latency) {
            throw PropertyReader.invalid("latency.critical.p95.ms", "is below LATENCY_P95_MS (" + latency + ")");
        }
        return new ResourceSettings(HealSettings.seconds(p, "stats.interval.sec", true), cpuWarning, cpuCritical,
                memoryWarning, memoryCritical, HealSettings.seconds(p, "resource.sustained.sec", true), latency,
                latencyCritical > 0 ? latencyCritical : 2 * latency, HealSettings.seconds(p, "latency.window.sec", false),
                p.optional("cgroup.root").map(Path::of));
    }

    public boolean enabled() {
        return !statsInterval.isZero();
    }

    @Override
    public String toString() {
        return enabled() ? "resources=every " + statsInterval.toMillis() / 1000.0 + " s (cpu " + cpuWarning + "/" + cpuCritical
                + " %, memory " + memoryWarning + "/" + memoryCritical + " % for " + sustained.toSeconds() + " s)" : "resources=off";
    }
}
