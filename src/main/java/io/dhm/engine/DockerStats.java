package io.dhm.engine;

import com.github.dockerjava.api.model.BlkioStatEntry;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.StatisticNetworksConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;

/** docker-java's stats answer as the monitor's {@link StatsReading}, computed as `docker stats` does (cgroup v1 and v2). */
final class DockerStats {

    private DockerStats() {
    }

    static StatsReading reading(Statistics stats) {
        double cpu = 0;
        CpuStatsConfig now = stats.getCpuStats();
        CpuStatsConfig before = stats.getPreCpuStats();
        if (now != null && before != null && now.getCpuUsage() != null && before.getCpuUsage() != null
                && now.getSystemCpuUsage() != null && before.getSystemCpuUsage() != null) {
            long cpuDelta = value(now.getCpuUsage().getTotalUsage()) - value(before.getCpuUsage().getTotalUsage());
            long systemDelta = now.getSystemCpuUsage() - before.getSystemCpuUsage();
            long cpus = now.getOnlineCpus() != null ? now.getOnlineCpus()
                    : now.getCpuUsage().getPercpuUsage() == null ? 1 : now.getCpuUsage().getPercpuUsage().size();
            if (cpuDelta > 0 && systemDelta > 0) {
                cpu = (double) cpuDelta / systemDelta * cpus * 100;
            }
        }
        MemoryStatsConfig memory = stats.getMemoryStats();
        long used = 0;
        long limit = 0;
        if (memory != null) {
            long cache = 0;
            if (memory.getStats() != null) {
                StatsConfig detail = memory.getStats();
                cache = detail.getTotalInactiveFile() != null ? detail.getTotalInactiveFile()
                        : detail.getInactiveFile() != null ? detail.getInactiveFile() : 0;
            }
            used = Math.max(0, value(memory.getUsage()) - cache);
            limit = value(memory.getLimit());
        }
        long rx = 0;
        long tx = 0;
        if (stats.getNetworks() != null) {
            for (StatisticNetworksConfig network : stats.getNetworks().values()) {
                rx += value(network.getRxBytes());
                tx += value(network.getTxBytes());
            }
        }
        long read = 0;
        long write = 0;
        if (stats.getBlkioStats() != null && stats.getBlkioStats().getIoServiceBytesRecursive() != null) {
            for (BlkioStatEntry entry : stats.getBlkioStats().getIoServiceBytesRecursive()) {
                if ("read".equalsIgnoreCase(entry.getOp())) {
                    read += value(entry.getValue());
                } else if ("write".equalsIgnoreCase(entry.getOp())) {
                    write += value(entry.getValue());
                }
            }
        }
        long pids = stats.getPidsStats() == null ? 0 : value(stats.getPidsStats().getCurrent());
        return new StatsReading(cpu, used, limit, rx, tx, read, write, pids);
    }

    private static long value(Long value) {
        return value == null ? 0 : value;
    }
}
