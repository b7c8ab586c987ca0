package io.dhm.ops;

import io.dhm.deliver.DeliveryLoop;
import io.dhm.deliver.LaneHealth;
import io.dhm.deliver.Outbox;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Readiness "delivery": DOWN when alerts are not getting out, read from what the delivery loop already knows, so it
 * costs no send: a (channel, target) lane whose last {@link #FAILED_TRIES} sends all failed (retried or given up,
 * until one goes through), or a copy still in the outbox after {@link #FAILED_TRIES} tries (which also holds after a
 * restart of the monitor). UP otherwise, with the number of copies waiting in the outbox.
 */
public class DeliveryHealthCheck extends AbstractHealthCheck {

    public static final int FAILED_TRIES = 3;

    private final DeliveryLoop deliveryLoop;

    public DeliveryHealthCheck(DeliveryLoop deliveryLoop) {
        super("dhm", "delivery");
        this.deliveryLoop = deliveryLoop;
    }

    /** A failing mail server does not make the monitor dead: it still watches, and the outbox keeps the alerts. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> problems = new ArrayList<>();
        Set<String> failingChannels = new HashSet<>();
        for (LaneHealth.Failing lane : deliveryLoop.failingLanes(FAILED_TRIES)) {
            failingChannels.add(lane.channel());
            problems.add(lane.channel() + " to " + DeliveryLoop.shown(lane.target()) + ": " + lane.failures()
                    + " sends failed in a row since " + lane.since() + ", last: " + lane.lastError());
        }
        try {
            for (Outbox.Stuck stuck : deliveryLoop.stuck(FAILED_TRIES)) {
                if (failingChannels.contains(stuck.channel())) {
                    continue; // said above, with more detail
                }
                problems.add(stuck.channel() + ": " + stuck.copies() + " alert copies undelivered after up to "
                        + stuck.attempts() + " tries (" + stuck.lastError() + ")");
            }
            builder.detail("outbox.pending", deliveryLoop.pendingCount());
        } catch (SQLException e) {
            problems.add("the outbox database does not answer: " + e.getMessage());
        }
        if (problems.isEmpty()) {
            builder.up();
        } else {
            builder.down().message(String.join("; ", problems));
        }
    }
}
