package io.dhm.kamelet;

import io.dhm.confirm.ConfirmWait;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bean behind the {@code docker-health-confirm-action} Kamelet: which transition of each container is waiting
 * to be confirmed, kept in memory. What begins a wait and what ends it is the monitor's own rule ({@link ConfirmWait},
 * as in route confirm-after-wait). Each transition into trouble waits on its own exchange (an asynchronous delay, so
 * the wait holds no thread), and only the newest one of its container may pass when its wait ends: a later
 * transition, into trouble or out of it, has replaced or cancelled it. Deciding this on the exchange itself, rather
 * than in an aggregator that completes on a timer thread, is what lets the confirmed transition go on in the caller's
 * route or Pipe.
 */
public class PendingWaits extends KameletInstance {

    static final String NAME = "docker-health-confirm-action";

    private final Map<String, String> newest = new ConcurrentHashMap<>();
    private ConfirmWait wait;

    /** Checked here, as the Kamelet's init property, so a bad value stops the route from starting with it named. */
    public void setWaitSeconds(String waitSeconds) {
        String value = KameletParameter.required(NAME, "waitSeconds", waitSeconds, "60");
        long seconds;
        try {
            seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
            seconds = 0;
        }
        if (seconds < 1) {
            throw new IllegalArgumentException(NAME + ": waitSeconds: '" + value + "' must be a whole number of seconds, at least 1");
        }
        wait = new ConfirmWait(Duration.ofSeconds(seconds), Clock.systemUTC());
    }

    /** The Kamelet's init method, once its parameters are set. */
    public void start() {
        checkRouteId(NAME, "confirm");
    }

    /** The delay of each transition into trouble. */
    public long waitMillis() {
        return wait.millis(null);
    }

    /**
     * A transition of container {@code key}, of kind {@code change} (UNHEALTHY, RETURNED...), carried by exchange
     * {@code exchangeId}: one that begins a wait becomes the one that waits, and true is returned; any other ends
     * the wait.
     */
    public boolean begin(String key, String change, String exchangeId) {
        if (ConfirmWait.begins(change)) {
            newest.put(key, exchangeId);
            return true;
        }
        newest.remove(key);
        return false;
    }

    /** After the wait: true, once, when this exchange's transition is still the newest of its container. */
    public boolean end(String key, String exchangeId) {
        return newest.remove(key, exchangeId);
    }
}
