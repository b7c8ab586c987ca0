package io.dhm.decide;

import io.dhm.alert.Alert;
import io.dhm.alert.AlertFactory;
import io.dhm.config.LifecycleSettings;
import io.dhm.observe.ContainerTracker;

import java.time.Clock;
import java.util.List;

/**
 * A pause is deliberate, so it is quiet by default; with PAUSE_WARNING_MIN a container paused that long is a WARNING,
 * once per pause (route long-pauses).
 */
public class PauseWatch {

    private final LifecycleSettings settings;
    private final ContainerTracker tracker;
    private final AlertFactory alerts;
    private final Clock clock;

    public PauseWatch(LifecycleSettings settings, ContainerTracker tracker, AlertFactory alerts, Clock clock) {
        this.settings = settings;
        this.tracker = tracker;
        this.alerts = alerts;
        this.clock = clock;
    }

    public List<Alert> due() {
        if (settings.pauseWarning().isZero()) {
            return List.of();
        }
        return tracker.pausedLongerThan(settings.pauseWarning(), clock.instant()).stream()
                .map(spell -> alerts.pausedTooLong(spell.container(), spell.since()))
                .toList();
    }
}
