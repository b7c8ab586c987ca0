package io.dhm.ops;

import io.dhm.observe.TrackedContainer;
import io.dhm.observe.Transition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many containers are in each state, by compose project ("standalone" outside compose): what
 * {@code dhm_containers} shows. "monitored" counts every watched container that is there (not gone); the other
 * states are subsets of the tracked containers: "unhealthy" (its health now), "pending" (a confirmation wait is under
 * way), "alerted" (an alert was sent and it has not recovered), "quarantined" (auto-heal gave up on it). Pure logic.
 */
public final class ContainerCensus {

    public static final List<String> STATES = List.of("monitored", "unhealthy", "pending", "alerted", "quarantined");

    /** One line of the census: {@code count} containers of {@code project} in {@code state}. */
    public record Row(String state, String project, int count) {
    }

    /** project → state → count, every state present for every project. */
    private final Map<String, Map<String, Integer>> counts;

    private ContainerCensus(Map<String, Map<String, Integer>> counts) {
        this.counts = counts;
    }

    /**
     * @param quarantined the identities (container keys) auto-heal holds in quarantine now
     */
    public static ContainerCensus of(List<TrackedContainer> tracked, Collection<String> quarantined) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        Map<String, String> projectOfKey = new TreeMap<>();
        for (TrackedContainer container : tracked) {
            String project = container.container().projectLabel();
            projectOfKey.put(container.container().key(), project);
            if (!Transition.NOT_FOUND.equals(container.status())) {
                add(counts, project, "monitored");
            }
            if ("unhealthy".equals(container.status())) {
                add(counts, project, "unhealthy");
            }
            if ("PENDING".equals(container.phase())) {
                add(counts, project, "pending");
            }
            if ("ALERTED".equals(container.phase())) {
                add(counts, project, "alerted");
            }
        }
        for (String key : quarantined) {
            add(counts, projectOfKey.getOrDefault(key, projectOf(key)), "quarantined");
        }
        return new ContainerCensus(counts);
    }

    private static void add(Map<String, Map<String, Integer>> counts, String project, String state) {
        counts.computeIfAbsent(project, p -> {
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

    /** Every state of every project seen, zeros included (so an alert rule sees 0, not nothing), by project. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        counts.forEach((project, states) -> STATES.forEach(state -> rows.add(new Row(state, project, states.get(state)))));
        return rows;
    }

    /** The count of {@code state} over every project. */
    public int total(String state) {
        return counts.values().stream().mapToInt(states -> states.getOrDefault(state, 0)).sum();
    }
}
