package io.dhm.ops;

import io.dhm.observe.ContainerTracker;
import io.dhm.observe.TrackedContainer;
import io.dhm.heal.HealBook;
import io.dhm.heal.HealRecord;
import io.dhm.heal.RestartPolicy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** What the monitor knows right now, read for the metrics and the JMX view: the tracker and auto-heal's records. */
public class MonitorState {

    private final ContainerTracker tracker;
    private final HealBook healBook;
    private final RestartPolicy policy;
    private final Clock clock;

    public MonitorState(ContainerTracker tracker, HealBook healBook, RestartPolicy policy, Clock clock) {
        this.tracker = tracker;
        this.healBook = healBook;
        this.policy = policy;
        this.clock = clock;
    }

    public List<TrackedContainer> tracked() {
        return tracker.snapshot();
    }

    public ContainerCensus census() {
        List<TrackedContainer> tracked = tracked();
        return ContainerCensus.of(tracked, quarantined(tracked, healBook.all(),
                record -> policy.released(record, clock.instant())));
    }

    /** The identities (container keys) auto-heal holds in quarantine now, sorted. */
    public List<String> quarantined() {
        return quarantined(tracked(), healBook.all(), record -> policy.released(record, clock.instant()));
    }

    /**
     * The keys whose record is still quarantined once {@code released} has ended the quarantines that are over, and
     * whose container was not redeployed since (a tracked container of that identity with another id starts afresh,
     * as auto-heal itself sees it).
     */
    static List<String> quarantined(List<TrackedContainer> tracked, Map<String, HealRecord> records,
                                    UnaryOperator<HealRecord> released) {
        Map<String, String> currentIds = tracked.stream()
                .collect(Collectors.toMap(t -> t.container().key(), t -> t.container().id(), (a, b) -> b));
        return records.entrySet().stream()
                .filter(entry -> released.apply(entry.getValue()).quarantined())
                .filter(entry -> {
                    String current = currentIds.get(entry.getKey());
                    return current == null || current.equals(entry.getValue().containerId());
                })
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
