package io.dhm.history;

import io.dhm.engine.EngineEvent;
import io.dhm.observe.Transition;
import io.dhm.engine.ContainerView;
import io.dhm.store.Database;
import io.dhm.store.StorageFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The rolling per-container history (table dhm_history, in the same database as the outbox): every custom check
 * with its response time, every status transition, every auto-heal action, every loop or log signal and every
 * acknowledgement of an alert. Rows older than HISTORY_RETENTION_HOURS are pruned. A failure to write is logged, never passed on: losing a history row must
 * not stop a check or a restart.
 */
public class History {

    /** What a row records. */
    public enum Kind { CHECK, TRANSITION, HEAL, SIGNAL, DEAD_LETTER, EVENT, FOLD, ACK }

    /** One row; {@code millis} is a check's response time, else null. */
    public record Entry(Instant at, String containerKey, String container, Kind kind, String detail, Long millis) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(History.class);
    private static final int DETAIL_LIMIT = 2000;
    /** The width of column container. */
    private static final int NAME_LIMIT = 400;

    private final Database database;
    private final Duration retention;
    private final Clock clock;
    private final BooleanSupplier writer;

    public History(Database database, Duration retention, Clock clock) {
        this(database, retention, clock, () -> true);
    }

    /** @param writer whether this instance writes the history: in a pair only the leader does, once for both */
    public History(Database database, Duration retention, Clock clock, BooleanSupplier writer) {
        this.database = database;
        this.retention = retention;
        this.clock = clock;
        this.writer = writer;
    }

    public void record(Kind kind, ContainerView container, String detail, Long millis) {
        if (!writer.getAsBoolean()) {
            return;
        }
        String text = detail.length() > DETAIL_LIMIT ? detail.substring(0, DETAIL_LIMIT) : detail;
        try (Connection db = database.connect(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO dhm_history (at_millis, container_key, container, kind, detail, millis) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, clock.millis());
            insert.setString(2, container.key());
            // a name is the container's to choose: a longer one is cut for the column (the key says which it is)
            String name = container.displayName();
            insert.setString(3, name.length() > NAME_LIMIT ? name.substring(0, NAME_LIMIT - 1) + "…" : name);
            insert.setString(4, kind.name());
            insert.setString(5, text);
            if (millis == null) {
                insert.setNull(6, Types.BIGINT);
            } else {
                insert.setLong(6, millis);
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            if (StorageFailures.isStorageFailure(e)) {
                // a full or read-only data folder: said once by DataFolderSpace, not once per row
                LOG.debug("History row for {} not written, the data folder refuses writes: {}", container.displayName(),
                        e.getMessage());
                return;
            }
            LOG.warn("History row for {} not written: {}", container.displayName(), e.getMessage());
        }
    }

    /** For the decide route: every transition the tracker saw. */
    public void transition(Transition transition) {
        record(Kind.TRANSITION, transition.container(), transition.from() + " → " + transition.to()
                + " (" + transition.change() + ")", null);
    }

    /**
     * For the engine-events route: a start (with its image), an exit (with its code) or an out-of-memory kill, which
     * an alert's timeline shows; the engine itself keeps only the last of each.
     */
    public void lifecycle(EngineEvent event, String engine) {
        Map<String, String> attributes = event.attributes();
        String detail = switch (String.valueOf(event.action())) {
            case "start" -> "started from image " + attributes.getOrDefault("image", "?");
            case "die" -> "exited with code " + attributes.getOrDefault("exitCode", "?");
            case "oom" -> "out of memory: the kernel killed a process (OOMKilled)";
            default -> null;
        };
        if (detail != null) {
            record(Kind.EVENT, ContainerView.fromEvent(event.id(), attributes, false).on(engine), detail, null);
        }
    }

    /** One container's rows (identity or name) from {@code from} on, oldest first, at most {@code limit} of the newest. */
    public List<Entry> since(String keyOrName, Instant from, int limit) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (Connection db = database.connect(); PreparedStatement query = db.prepareStatement(
                "SELECT at_millis, container_key, container, kind, detail, millis FROM dhm_history "
                        + "WHERE (container_key = ? OR container = ?) AND at_millis >= ? ORDER BY at_millis DESC, id DESC")) {
            query.setString(1, keyOrName);
            query.setString(2, keyOrName);
            query.setLong(3, from.toEpochMilli());
            query.setMaxRows(limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(0, entry(rows));
                }
            }
        }
        return entries;
    }

    private static Entry entry(ResultSet rows) throws SQLException {
        long millis = rows.getLong(6);
        Long responseMillis = rows.wasNull() ? null : millis;
        return new Entry(Instant.ofEpochMilli(rows.getLong(1)), rows.getString(2), rows.getString(3),
                Kind.valueOf(rows.getString(4)), rows.getString(5), responseMillis);
    }

    /** The newest rows of one container, by its identity or its name, newest first. */
    public List<Entry> recent(String keyOrName, int limit) throws SQLException {
        return recent(keyOrName, null, limit);
    }

    /** The newest rows, newest first, of one container (identity or name) and of one kind when they are not null. */
    public List<Entry> recent(String keyOrName, Kind kind, int limit) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (Connection db = database.connect(); PreparedStatement query = db.prepareStatement(
                "SELECT at_millis, container_key, container, kind, detail, millis FROM dhm_history "
                        + "WHERE (CAST(? AS VARCHAR(400)) IS NULL OR container_key = ? OR container = ?) "
                        + "AND (CAST(? AS VARCHAR(20)) IS NULL OR kind = ?) "
                        + "ORDER BY at_millis DESC, id DESC")) {
            String kindName = kind == null ? null : kind.name();
            query.setString(1, keyOrName);
            query.setString(2, keyOrName);
            query.setString(3, keyOrName);
            query.setString(4, kindName);
            query.setString(5, kindName);
            query.setMaxRows(limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(entry(rows));
                }
            }
        }
        return entries;
    }

    /** Drops rows older than the retention; returns how many. */
    public int prune() throws SQLException {
        try (Connection db = database.connect();
             PreparedStatement delete = db.prepareStatement("DELETE FROM dhm_history WHERE at_millis < ?")) {
            delete.setLong(1, clock.instant().minus(retention).toEpochMilli());
            int removed = delete.executeUpdate();
            if (removed > 0) {
                LOG.info("History: {} rows older than {} h removed", removed, retention.toHours());
            }
            return removed;
        }
    }
}
