package io.dhm.ops;

import io.dhm.engine.ContainerView;
import io.dhm.observe.TrackedContainer;
import io.dhm.observe.Transition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many containers are in each state, by engine and compose project ("standalone" outside compose): what
 * {@code dhm_containers} shows. "monitored" counts every watched container that is there (not gone); the other
 * states are subsets of the tracked containers: "unhealthy" (its health now), "pending" (a confirmation wait is under
 * way), "alerted" (an alert was sent and it has not recovered), "quarantined" (auto-heal gave up on it). Pure logic.
 */
public final class ContainerCensus {

    public static final List<String> STATES = List.of("monitored", "unhealthy", "pending", "alerted", "quarantined");

    /** One line of the census: {@code count} containers of {@code project} on {@code engine} in {@code state}. */
    public record Row(String state, String engine, String project, int count) {
    }

    /** The containers of one project on one engine. */
    private record Group(String engine, String project) {
        static final Comparator<Group> ORDER = Comparator.comparing(Group::engine).thenComparing(Group::project);
    }

    /** group → state → count, every state present for every group. */
    private final Map<Group, Map<String, Integer>> counts;

    private ContainerCensus(Map<Group, Map<String, Integer>> counts) {
        this.counts = counts;
    }

    /**
     * @param quarantined the identities (container keys) auto-heal holds in quarantine now
     */
    public static ContainerCensus of(List<TrackedContainer> tracked, Collection<String> quarantined) {
        Map<Group, Map<String, Integer>> counts = new TreeMap<>(Group.ORDER);
        Map<String, Group> groupOfKey = new HashMap<>();
        for (TrackedContainer container : tracked) {
            Group group = new Group(container.container().engineName(), container.container().projectLabel());
            groupOfKey.put(container.container().key(), group);
            if (!Transition.NOT_FOUND.equals(container.status())) {
                add(counts, group, "monitored");
            }
            if ("unhealthy".equals(container.status())) {
                add(counts, group, "unhealthy");
            }
            if ("PENDING".equals(container.phase())) {
                add(counts, group, "pending");
            }
            if ("ALERTED".equals(container.phase())) {
                add(counts, group, "alerted");
            }
        }
        for (String key : quarantined) {
            add(counts, groupOfKey.getOrDefault(key, new Group(ContainerView.SINGLE_ENGINE, projectOf(key))), "quarantined");
        }
        return new ContainerCensus(counts);
    }

    private static void add(Map<Group, Map<String, Integer>> counts, Group group, String state) {
        counts.computeIfAbsent(group, g -> {
            Map<String, Integer> states = new TreeMap<>();
            STATES.forEach(s -> states.put(s, 0));
            return states;
        }).merge(state, 1, Integer::sum);
    }

    /**
     * The project of a container identity as {@code ContainerView.key()} builds it: "project/service/replica" for a
     * compose container, else its name (which cannot hold a "/").
     */
    static String projectOf(String key) {
        int slash = key.indexOf('/');
        return slash > 0 ? key.substring(0, slash) : "standalone";
    }

    /** Every state of every project seen on every engine, zeros included (so an alert rule sees 0, not nothing). */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        counts.forEach((group, states) -> STATES.forEach(state ->
                rows.add(new Row(state, group.engine(), group.project(), states.get(state)))));
        return rows;
    }

    /** The count of {@code state} over every project. */
    public int total(String state) {
        return counts.values().stream().mapToInt(states -> states.getOrDefault(state, 0)).sum();
    }
}
