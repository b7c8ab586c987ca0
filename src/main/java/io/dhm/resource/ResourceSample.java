package io.dhm.resource;

import io.dhm.engine.StatsReading;

import java.time.Instant;

/**
 * One reading of a container's resources, from the engine's stats or the cgroup files.
 *
 * @param cpuPercent    of one CPU: 200 is two CPUs busy, as `docker stats` shows it
 * @param memoryPercent used memory (without the page cache) of the limit (the host's memory when it has none)
 */
public record ResourceSample(Instant at, double cpuPercent, long memoryBytes, long memoryLimitBytes,
                             double memoryPercent, long networkRxBytes, long networkTxBytes, long blockReadBytes,
                             long blockWriteBytes, long pids) {

    /** A reading taken at {@code at}; memory without a limit counts as 0 % used. */
    public static ResourceSample of(StatsReading reading, Instant at) {
        long limit = reading.memoryLimitBytes();
        return new ResourceSample(at, reading.cpuPercent(), reading.memoryBytes(), limit,
                limit > 0 ? 100.0 * reading.memoryBytes() / limit : 0, reading.networkRxBytes(), reading.networkTxBytes(),
                reading.blockReadBytes(), reading.blockWriteBytes(), reading.pids());
    }
}
