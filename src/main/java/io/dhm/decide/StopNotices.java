package io.dhm.decide;

import io.dhm.alert.Alert;
import io.dhm.alert.AlertFactory;
import io.dhm.config.LifecycleSettings;
import io.dhm.engine.ContainerView;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Lifecycle;
import io.dhm.observe.Status;
import io.dhm.observe.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The operator's stops (route stop-notices): no problem alert, but one INFO notice for the containers that stayed
 * stopped for STOP_NOTICE_WAIT_SEC, one per Compose project (a project stopped as a whole is one notice) or
 * standalone container. A container back within the wait (a redeploy, `docker restart`) is left out.
 */
public class StopNotices {

    private static final Logger LOG = LoggerFactory.getLogger(StopNotices.class);

    private final LifecycleSettings settings;
    private final ContainerTracker tracker;
    private final Lifecycle lifecycle;
    private final AlertFactory alerts;

    public StopNotices(LifecycleSettings settings, ContainerTracker tracker, Lifecycle lifecycle, AlertFactory alerts) {
        this.settings = settings;
        this.tracker = tracker;
        this.lifecycle = lifecycle;
        this.alerts = alerts;
    }

    public boolean enabled() {
        return settings.stopNotices();
    }

    /** The aggregator's completion timeout: STOP_NOTICE_WAIT_SEC, an inactivity timeout (the last stop of a project counts). */
    public long waitMillis() {
        return Math.max(1, settings.stopNoticeWait().toMillis());
    }

    /** What stops are gathered by: the engine and Compose project, or the container outside Compose. */
    public String group(Transition stopped) {
        ContainerView container = stopped.container();
        return container.engineName() + "/" + (container.project() != null ? container.project() : "/" + container.key());
    }

    /** The notice for the stops of one group that are still stopped (or removed); null when every one came back. */
    public Alert notice(List<Transition> stops) {
        Map<String, String> now = tracker.statuses();
        List<Lifecycle.Exit> still = stops.stream()
                .filter(stop -> Status.ended(now.getOrDefault(stop.key(), Status.STOPPED))
                        || Transition.NOT_FOUND.equals(now.get(stop.key())))
                .map(stop -> lifecycle.lastExit(stop.container().id()).filter(Lifecycle.Exit::byOperator)
                        .orElseGet(() -> requested(stop)))
                .distinct()
                .toList();
        if (still.isEmpty()) {
            LOG.info("{} stopped and came back within {} s: no notice", stops.get(0).container().displayName(),
                    settings.stopNoticeWait().toSeconds());
            return null;
        }
        return alerts.stopped(still);
    }

    /** A stop whose exit the lifecycle no longer holds (long removed): known only as the operator's. */
    private static Lifecycle.Exit requested(Transition stop) {
        return new Lifecycle.Exit(stop.container(), stop.at() == null ? Instant.EPOCH : stop.at(), 0, false, null, true,
                false, "", 0, 0);
    }
}
