package io.dhm.heartbeat;

import io.dhm.ops.MonitorMetrics;
import io.dhm.ops.Readiness;
import io.dhm.config.HeartbeatSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The dead-man's switch, at each tick of route {@code heartbeat} (every HEARTBEAT_INTERVAL_SEC): one ping of
 * HEARTBEAT_URL, but only while the monitor's readiness is UP. An outside service (healthchecks.io, an Uptime Kuma push
 * monitor) alerts when the pings stop, so a monitor that is dead, on a dead host, without its engine or unable to
 * deliver its alerts is noticed: that is why nothing at all is sent while readiness is DOWN. A ping that fails is not
 * retried (the next tick is the next try) and is logged once when the pings start failing and once when they work
 * again, not at every tick. Only the URL's scheme://host[:port] is ever logged: the rest may be the check's secret.
 */
public class Heartbeat {

    /** One ping of the URL: empty when it was answered 2xx, else why not (refused, timed out, the status). Never throws. */
    @FunctionalInterface
    public interface Pinger {
        Optional<String> ping();
    }

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final HeartbeatSettings settings;
    private final BooleanSupplier ready;
    private final Pinger pinger;
    private final MonitorMetrics metrics;
    /** Pings failed in a row; 0 while they go through. */
    private int failures;
    private boolean paused;

    /**
     * In a highly available pair only the leader pings (route heartbeat's policy {@code leaderOnly}): the standby
     * pinging too would keep the outside service content while the leader is dead.
     *
     * @param ready the monitor's readiness, as /observe/health/ready answers it ({@link Readiness})
     */
    public Heartbeat(HeartbeatSettings settings, BooleanSupplier ready, Pinger pinger, MonitorMetrics metrics) {
        this.settings = settings;
        this.ready = ready;
        this.pinger = pinger;
        this.metrics = metrics;
    }

    /** Called by route heartbeat at each tick (on the leader): pings when the switch is on and the monitor is ready. */
    public synchronized void beat() {
        if (!settings.enabled() || !ready()) {
            return;
        }
        Optional<String> failure = pinger.ping();
        metrics.heartbeat(failure.isEmpty());
        if (failure.isPresent()) {
            if (failures++ == 0) {
                LOG.warn("Heartbeat to {} failed: {}; tried again every {} s, logged again once a ping goes through",
                        target(), failure.get(), interval());
            }
        } else if (failures > 0) {
            LOG.info("Heartbeat to {} works again after {} failed ping(s)", target(), failures);
            failures = 0;
        }
    }

    /** Readiness now; its changes are logged, as the outside service will alert on the silence. */
    private boolean ready() {
        boolean up = ready.getAsBoolean();
        if (up == paused) {
            paused = !up;
            if (paused) {
                LOG.warn("Heartbeat to {} paused: the monitor is not ready (see /observe/health/ready)", target());
            } else {
                LOG.info("Heartbeat to {} resumed: the monitor is ready again", target());
            }
        }
        return up;
    }

    private String target() {
        return settings.shown().orElseThrow();
    }

    private double interval() {
        return settings.interval().toMillis() / 1000.0;
    }
}
