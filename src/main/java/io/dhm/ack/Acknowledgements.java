package io.dhm.ack;

import io.dhm.observe.Transition;
import io.dhm.store.Database;
import io.dhm.store.JsonRows;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The acknowledged episodes, one per container (table dhm_ack, read back after a restart like AlertMemory's
 * dhm_alerted). An acknowledgement counts only for the episode it was given in (its troubleSince): one the decide
 * route did not get to end, because a user's route left the step out or the container was taken out of monitoring,
 * never silences the next episode.
 */
public class Acknowledgements {

    private final JsonRows<Acknowledgement> rows;
    private final Map<String, Acknowledgement> byContainer = new ConcurrentHashMap<>();

    public Acknowledgements(Database database) {
        this.rows = new JsonRows<>(database, "dhm_ack", Acknowledgement.class);
    }

    public void open() throws SQLException {
        byContainer.putAll(rows.open());
    }

    /** Reads them again (a pair's take-over: the old leader may have changed them). */
    public void reload() throws SQLException {
        var now = rows.open();
        byContainer.keySet().retainAll(now.keySet());
        byContainer.putAll(now);
    }

    /** Stores it, replacing an earlier acknowledgement of the container. */
    public void add(Acknowledgement acknowledgement) throws SQLException {
        rows.put(acknowledgement.containerKey(), acknowledgement);
        byContainer.put(acknowledgement.containerKey(), acknowledgement);
    }

    /** The acknowledgement of the container's episode that began at {@code troubleSince}, if it was acknowledged. */
    public Optional<Acknowledgement> of(String containerKey, Instant troubleSince) {
        return Optional.ofNullable(byContainer.get(containerKey))
                .filter(acknowledgement -> acknowledgement.troubleSince().equals(troubleSince));
    }

    /** Whether the episode of this transition (a repeat, say) was acknowledged. */
    public boolean covers(Transition transition) {
        return of(transition.key(), transition.troubleSince()).isPresent();
    }

    /** For the decide route: the container recovered, its episode and so its acknowledgement are over. */
    public void end(Transition recovered) throws SQLException {
        if (byContainer.remove(recovered.key()) != null) {
            rows.remove(recovered.key());
        }
    }
}
