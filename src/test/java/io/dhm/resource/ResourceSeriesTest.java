package io.dhm.resource;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResourceSeriesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static ResourceSample sample(long second, double cpu) {
        return new ResourceSample(T0.plusSeconds(second), cpu, 1000, 2000, 50, 0, 0, 0, 0, 1);
    }

    @Test
    void theLastHourKeepsEverySampleOlderOnesBecomeMinuteAveragesForADay() {
        ResourceSeries series = new ResourceSeries();
        for (long second = 0; second <= 3600 + 120; second += 15) {
            series.add(sample(second, second < 60 ? 10 : 30));
        }
        assertEquals(241, series.recent().size(), "one hour at 15 s, both ends included");
        assertEquals(2, series.older().size());
        assertEquals(10, series.older().get(0).cpuPercent(), 0.001);
        assertEquals(30, series.older().get(1).cpuPercent(), 0.001);

        series.add(sample(2 * 86_400, 50));
        assertEquals(0, series.older().stream().filter(minute -> minute.minute().isBefore(T0.plusSeconds(86_400))).count());
    }
}
