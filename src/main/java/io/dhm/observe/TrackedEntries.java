package io.dhm.observe;

import io.dhm.engine.ContainerView;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The tracked containers by identity (the key that survives a redeploy), also found by container id: a renamed
 * container keeps its entry under its new identity. Not thread-safe: {@link ContainerTracker} holds the lock.
 */
final class TrackedEntries {

    private final Map<String, TrackedEntry> byKey = new HashMap<>();

    TrackedEntry get(String key) {
        return byKey.get(key);
    }

    boolean containsKey(String key) {
        return byKey.containsKey(key);
    }

    void remove(String key) {
        byKey.remove(key);
    }

    Collection<TrackedEntry> values() {
        return byKey.values();
    }

    void forEach(BiConsumer<String, TrackedEntry> action) {
        byKey.forEach(action);
    }

    /** An episode read back at start-up, tracked under its identity. */
    TrackedEntry resume(Transition episode, String status, TrackedEntry.Phase phase) {
        TrackedEntry entry = TrackedEntry.resumed(episode, status, phase);
        byKey.put(episode.key(), entry);
        return entry;
    }

    /** The status of every tracked container, by identity. */
    Map<String, String> statuses() {
        Map<String, String> statuses = new HashMap<>();
        byKey.forEach((key, entry) -> statuses.put(key, entry.status));
        return statuses;
    }

    /** The identity under which this very container (by id) is tracked. */
    Optional<String> keyOf(String containerId) {
        return byKey.entrySet().stream().filter(tracked -> tracked.getValue().view.id().equals(containerId))
                .map(Map.Entry::getKey).findFirst();
    }

    /** The entry for a view's identity, following a rename of the same container, or a new one. */
    TrackedEntry entryFor(ContainerView view) {
        TrackedEntry entry = byKey.get(view.key());
        if (entry != null) {
            return entry;
        }
        Optional<String> renamed = keyOf(view.id());
        entry = renamed.map(byKey::remove).orElseGet(() -> new TrackedEntry(view));
        byKey.put(view.key(), entry);
        return entry;
    }
}
