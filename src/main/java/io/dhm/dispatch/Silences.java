package io.dhm.dispatch;

import io.dhm.alert.Alert;
import io.dhm.store.Database;
import io.dhm.store.JsonRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The silences, in the monitor's database (table dhm_silence) with a copy in memory. The notify route asks
 * {@link #silencing} of every alert; a silenced alert is stored with its copies marked SILENCED instead of sent.
 * Expired silences are kept for the record until removed.
 */
public class Silences {

    private static final Logger LOG = LoggerFactory.getLogger(Silences.class);

    private final JsonRows<Silence> rows;
    private final Clock clock;
    private final Map<String, Silence> silences = new ConcurrentHashMap<>();

    public Silences(Database database, Clock clock) {
        this.rows = new JsonRows<>(database, "dhm_silence", Silence.class);
        this.clock = clock;
    }

    public void open() throws SQLException {
        silences.putAll(rows.open());
    }

    /** Reads them again (a pair's take-over: the old leader may have changed them). */
    public void reload() throws SQLException {
        var now = rows.open();
        silences.keySet().retainAll(now.keySet());
        silences.putAll(now);
    }

    public void add(Silence silence) throws SQLException {
        rows.put(silence.id(), silence);
        silences.put(silence.id(), silence);
        LOG.info("Silence {} added: {} until {} ({})", silence.id(), describe(silence), silence.until(), silence.reason());
    }

    /** Removes a silence; false when there is none with this id. */
    public boolean remove(String id) throws SQLException {
        if (silences.remove(id) == null) {
            return false;
        }
        rows.remove(id);
        LOG.info("Silence {} removed", id);
        return true;
    }

    /** Every silence, newest first, expired ones included. */
    public List<Silence> all() {
        return silences.values().stream().sorted(Comparator.comparing(Silence::createdAt).reversed()).toList();
    }

    /** The active silence that mutes this alert, if any. */
    public Optional<Silence> silencing(Alert alert) {
        Instant now = clock.instant();
        return silences.values().stream().filter(silence -> silence.active(now) && silence.matches(alert)).findFirst();
    }

    /** For the notify route: why this alert is muted ("silence ID until ...: reason"), or null when it is not. */
    public String reason(Alert alert) {
        return silencing(alert).map(silence -> "silence " + silence.id() + " until " + silence.until() + ": "
                + silence.reason()).orElse(null);
    }

    static String describe(Silence silence) {
        return (silence.container() == null ? "" : "container " + silence.container())
                + (silence.container() != null && silence.project() != null ? " in " : "")
                + (silence.project() == null ? "" : "project " + silence.project());
    }
}
