package io.dhm.resource;

import io.dhm.engine.StatsReading;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResourceSampleTest {

    @Test
    void memoryIsAPercentOfTheLimit() {
        ResourceSample sample = ResourceSample.of(new StatsReading(100, 28_000_000, 33_554_432, 101, 52, 4096, 8192, 7),
                Instant.EPOCH);
        assertEquals(83.45, sample.memoryPercent(), 0.01);
        assertEquals(100.0, sample.cpuPercent());
        assertEquals(Instant.EPOCH, sample.at());
        assertEquals(7, sample.pids());
    }

    @Test
    void memoryWithoutALimitIsZeroPercent() {
        ResourceSample sample = ResourceSample.of(new StatsReading(0, 1000, 0, 0, 0, 0, 0, 0), Instant.EPOCH);
        assertEquals(0, sample.memoryPercent());
    }
}
