package io.dhm.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Statistics;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The engine's stats answer read as `docker stats` shows it. */
class DockerStatsTest {

    private static Statistics stats(String json) throws Exception {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(json, Statistics.class);
    }

    @Test
    void computedAsDockerStatsShowsThem() throws Exception {
        Statistics stats = stats("""
                {"cpu_stats": {"cpu_usage": {"total_usage": 3000000000}, "system_cpu_usage": 20000000000, "online_cpus": 2},
                 "precpu_stats": {"cpu_usage": {"total_usage": 2000000000}, "system_cpu_usage": 18000000000},
                 "memory_stats": {"usage": 30000000, "limit": 33554432, "stats": {"total_inactive_file": 2000000}},
                 "networks": {"eth0": {"rx_bytes": 100, "tx_bytes": 50}, "eth1": {"rx_bytes": 1, "tx_bytes": 2}},
                 "blkio_stats": {"io_service_bytes_recursive": [{"op": "Read", "value": 4096}, {"op": "Write", "value": 8192}]},
                 "pids_stats": {"current": 7}}
                """);
        StatsReading sample = DockerStats.reading(stats);
        assertEquals(100.0, sample.cpuPercent(), 0.001, "1 s of CPU in 2 s of 2 CPUs' system time = one CPU busy");
        assertEquals(28_000_000, sample.memoryBytes());
        assertEquals(33_554_432, sample.memoryLimitBytes());
        assertEquals(101, sample.networkRxBytes());
        assertEquals(52, sample.networkTxBytes());
        assertEquals(4096, sample.blockReadBytes());
        assertEquals(8192, sample.blockWriteBytes());
        assertEquals(7, sample.pids());
    }

    @Test
    void aStoppedContainersEmptyStatsAreZeros() throws Exception {
        StatsReading sample = DockerStats.reading(stats("{}"));
        assertEquals(0, sample.cpuPercent());
        assertEquals(0, sample.memoryBytes());
    }
}
