package io.dhm.resource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A bounded time series of one container: every sample of the last hour, and beyond that one averaged point per
 * minute for a day. Memory stays bounded however long the monitor runs.
 */
public class ResourceSeries {

    static final Duration RECENT = Duration.ofHours(1);
    static final Duration KEPT = Duration.ofDays(1);

    /** One averaged minute. */
    public record Minute(Instant minute, double cpuPercent, double memoryPercent, long memoryBytes) {
    }

    private final Deque<ResourceSample> recent = new ArrayDeque<>();
    private final Deque<Minute> older = new ArrayDeque<>();

    public synchronized void add(ResourceSample sample) {
        recent.addLast(sample);
        Instant recentFrom = sample.at().minus(RECENT);
        while (!recent.isEmpty() && recent.peekFirst().at().isBefore(recentFrom)) {
            Instant minute = recent.peekFirst().at().truncatedTo(ChronoUnit.MINUTES);
            double cpu = 0;
            double memory = 0;
            long bytes = 0;
            int n = 0;
            while (!recent.isEmpty() && recent.peekFirst().at().truncatedTo(ChronoUnit.MINUTES).equals(minute)
                    && recent.peekFirst().at().isBefore(recentFrom)) {
                ResourceSample old = recent.removeFirst();
                cpu += old.cpuPercent();
                memory += old.memoryPercent();
                bytes += old.memoryBytes();
                n++;
            }
            older.addLast(new Minute(minute, cpu / n, memory / n, bytes / n));
        }
        Instant keptFrom = sample.at().minus(KEPT);
        while (!older.isEmpty() && older.peekFirst().minute().isBefore(keptFrom)) {
            older.removeFirst();
        }
    }

    public synchronized List<ResourceSample> recent() {
        return List.copyOf(recent);
    }

    public synchronized List<Minute> older() {
        return List.copyOf(older);
    }
}
