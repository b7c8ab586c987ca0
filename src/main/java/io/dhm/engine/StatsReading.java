package io.dhm.engine;

/**
 * One reading of a container's stats, computed as `docker stats` shows it (cgroup v1 and v2).
 *
 * @param cpuPercent       of one CPU: 200 is two CPUs busy
 * @param memoryBytes      used memory, without the page cache
 * @param memoryLimitBytes the container's limit (the host's memory when it has none), 0 when the engine did not say
 */
public record StatsReading(double cpuPercent, long memoryBytes, long memoryLimitBytes, long networkRxBytes,
                           long networkTxBytes, long blockReadBytes, long blockWriteBytes, long pids) {
}
