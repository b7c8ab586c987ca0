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

    /** One averaged minute of {@code samples} samples. */
    public record Minute(Instant minute, double cpuPercent, double memoryPercent, long memoryBytes, int samples) {

        Minute with(ResourceSample sample) {
            int n = samples + 1;
            return new Minute(minute, (cpuPercent * samples + sample.cpuPercent()) / n,
                    (memoryPercent * samples + sample.memoryPercent()) / n, (memoryBytes * samples + sample.memoryBytes()) / n, n);
        }
    }

    private final Deque<ResourceSample> recent = new ArrayDeque<>();
    private final Deque<Minute> older = new ArrayDeque<>();

    public synchronized void add(ResourceSample sample) {
        recent.addLast(sample);
        Instant recentFrom = sample.at().minus(RECENT);
        while (!recent.isEmpty() && recent.peekFirst().at().isBefore(recentFrom)) {
            ResourceSample old = recent.removeFirst();
            Instant minute = old.at().truncatedTo(ChronoUnit.MINUTES);
            Minute last = older.peekLast();
            if (last != null && last.minute().equals(minute)) {
                older.removeLast();
                older.addLast(last.with(old));
            } else {
                older.addLast(new Minute(minute, 0, 0, 0, 0).with(old));
            }
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
