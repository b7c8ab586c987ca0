package io.dhm.deliver;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How each (channel, target) lane has fared lately: the sends that failed in a row since its last delivery. What the
 * readiness check "delivery" reads to say that a mail server or a webhook keeps failing. Pure logic, in memory.
 */
public class LaneHealth {

    /** A lane whose last {@code failures} sends all failed, the first of them at {@code since}. */
    public record Failing(String channel, String target, int failures, Instant since, String lastError) {
    }

    private final Map<Outbox.Lane, Failing> failing = new ConcurrentHashMap<>();

    /** One send over a lane, whatever it carried: a delivery clears the lane, a retry or a failure adds up. */
    public void record(Outbox.Lane lane, DeliveryResult result, Instant at) {
        if (result.outcome() == DeliveryResult.Outcome.DELIVERED) {
            failing.remove(lane);
            return;
        }
        failing.merge(lane, new Failing(lane.channel(), lane.target(), 1, at, result.detail()),
                (before, now) -> new Failing(before.channel(), before.target(), before.failures() + 1, before.since(),
                        now.lastError()));
    }

    /** The lanes whose last {@code threshold} (or more) sends all failed, the longest failing first. */
    public List<Failing> failing(int threshold) {
        return failing.values().stream()
                .filter(lane -> lane.failures() >= threshold)
                .sorted(Comparator.comparing(Failing::since))
                .toList();
    }
}
