package io.dhm.decide;

import io.dhm.alert.Alert;
import io.dhm.alert.AlertFactory;
import io.dhm.config.FlappingSettings;
import io.dhm.engine.ContainerView;
import io.dhm.observe.Transition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flapping: a container that goes unhealthy and comes back again and again. Each spell shorter than
 * WAIT_AND_CHECK_AGAIN_MIN is settled without an alert, so without this nobody would hear of it. The FLAPPING_COUNT-th
 * return within FLAPPING_WINDOW_MIN ("the third time it comes back within 10 minutes") is reported once as a
 * WARNING; further returns are not; once it has had no unhealthy spell for the whole window an INFO says it is stable
 * again. Counted per container identity, in memory (a restart starts counting afresh). Pure logic on a clock, safe
 * to call from the poll, the event stream and the timer at once.
 */
public class Flapping {

    /** The statuses a container is back in when a spell ends. */
    private static final Set<String> BACK = Set.of("healthy", "starting");
    private static final Set<String> TROUBLE = Set.of("unhealthy", Transition.NOT_FOUND);

    /** One spell: when the container went unhealthy and when it came back. */
    private record RoundTrip(Instant wentUnhealthy, Instant cameBack) {
    }

    /** What is known of one container's recent spells. */
    private static final class Spells {
        ContainerView container;
        boolean inTrouble;
        Instant troubleSince;
        Instant lastReturn;
        /** The round trips within the window, oldest first, while it is not (yet) reported as flapping. */
        final Deque<RoundTrip> recent = new ArrayDeque<>();
        /** When its first counted spell began, once it is reported as flapping; else null. */
        Instant flappingSince;
        int returnsWhileFlapping;
    }

    private final FlappingSettings settings;
    private final AlertFactory alerts;
    private final Clock clock;
    private final Map<String, Spells> containers = new HashMap<>();

    public Flapping(FlappingSettings settings, AlertFactory alerts, Clock clock) {
        this.settings = settings;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** For the decide route: the WARNING when this transition makes its container flapping, else null. */
    public synchronized Alert onTransition(Transition transition) {
        if (!settings.enabled() || !(TROUBLE.contains(transition.to()) || BACK.contains(transition.to()))) {
            return null;
        }
        Spells spells = containers.computeIfAbsent(transition.key(), key -> new Spells());
        spells.container = transition.container();
        if (TROUBLE.contains(transition.to())) {
            if (!spells.inTrouble) {
                spells.inTrouble = true;
                spells.troubleSince = transition.at();
            }
            return null;
        }
        spells.inTrouble = false;
        // back from gone (a redeploy, a restart) is no round trip of its health
        if (!"unhealthy".equals(transition.from())) {
            return null;
        }
        spells.lastReturn = transition.at();
        return returned(spells, new RoundTrip(spells.troubleSince != null ? spells.troubleSince : transition.at(),
                transition.at()));
    }

    private Alert returned(Spells spells, RoundTrip roundTrip) {
        if (spells.flappingSince != null) {
            spells.returnsWhileFlapping++;
            return null;
        }
        while (!spells.recent.isEmpty()
                && !spells.recent.peekFirst().cameBack().plus(settings.window()).isAfter(roundTrip.cameBack())) {
            spells.recent.removeFirst();
        }
        spells.recent.addLast(roundTrip);
        if (spells.recent.size() < settings.count()) {
            return null;
        }
        spells.flappingSince = spells.recent.peekFirst().wentUnhealthy();
        spells.returnsWhileFlapping = spells.recent.size();
        spells.recent.clear();
        return alerts.flapping(spells.container, spells.returnsWhileFlapping, settings.window(), spells.flappingSince);
    }

    /**
     * For the flapping-stable route: an INFO for each flapping container that has had no unhealthy spell for the whole
     * window. Containers with nothing left to count within the window are forgotten.
     */
    public synchronized List<Alert> stableDue() {
        Instant now = clock.instant();
        List<Alert> due = new ArrayList<>();
        for (Iterator<Spells> it = containers.values().iterator(); it.hasNext(); ) {
            Spells spells = it.next();
            boolean quietForTheWindow = !spells.inTrouble
                    && (spells.lastReturn == null || !spells.lastReturn.plus(settings.window()).isAfter(now));
            if (quietForTheWindow) {
                if (spells.flappingSince != null) {
                    due.add(alerts.stable(spells.container, settings.window(), spells.flappingSince,
                            spells.returnsWhileFlapping, spells.lastReturn));
                }
                it.remove();
            }
        }
        return due;
    }

    /** How often the flapping-stable route looks: a tenth of the window, from 1 s to 1 min. */
    public static long checkMillis(Duration window) {
        return Math.max(1000, Math.min(60_000, window.toMillis() / 10));
    }
}
