package io.dhm.repeat;

import io.dhm.ack.Acknowledgements;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Transition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * ALERT_REPEAT_INTERVAL_MIN: which alerted containers are due to be announced again (none when it is 0). An
 * acknowledged episode is not: the operator knows, and its recovery is still announced.
 */
public class RepeatSchedule {

    private final ContainerTracker tracker;
    private final Acknowledgements acknowledgements;
    private final Clock clock;
    private final Duration interval;

    public RepeatSchedule(ContainerTracker tracker, Acknowledgements acknowledgements, Clock clock, Duration interval) {
        this.tracker = tracker;
        this.acknowledgements = acknowledgements;
        this.clock = clock;
        this.interval = interval;
    }

    public List<Transition> due() {
        return tracker.repeatsDue(clock.instant(), interval).stream()
                .filter(repeat -> !acknowledgements.covers(repeat))
                .toList();
    }

    /** How often the repeat route looks: often enough for short test intervals, at most once a minute. */
    public static long checkMillis(Duration interval) {
        return Math.max(1000, Math.min(60_000, interval.toMillis() / 4));
    }
}
