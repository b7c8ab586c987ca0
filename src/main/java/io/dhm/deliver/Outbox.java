package io.dhm.deliver;

import io.dhm.dispatch.Target;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dhm.alert.Alert;
import io.dhm.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The durable outbox as the delivery queue: every alert and every (channel, target) copy of it is written here before
 * anything is sent, and stays until it is delivered or given up; {@link DeliveryLoop} takes what is due from here.
 * What the API and the dashboard read of it is {@link AlertRecords}. Plain JDBC and portable SQL (tables dhm_alert
 * and dhm_delivery of the migrated schema), so the embedded H2 file of the default and a PostgreSQL server given by
 * DATABASE_URL run the same code. Times are epoch milliseconds.
 *
 * <p>Grouping lives in {@link #enqueue}: a copy for a target that already has a copy waiting for its group window
 * joins that window, so everything for one target within ALERT_GROUP_WAIT_SEC leaves as one message (with a wait of
 * zero, {@link DeliveryLoop} sends each copy alone).
 */
public class Outbox {

    /** A (channel, target) pair with copies due: one message carries them all, or one each without a group wait. */
    public record Lane(String channel, String target) {
        String key() {
            return channel + "|" + target;
        }
    }

    /** Copies of one channel still pending after many tries: how many, the most tries, and one of their last errors. */
    public record Stuck(String channel, int copies, int attempts, String lastError) {
    }

    /**
     * One waiting copy of an alert.
     *
     * @param trace the W3C traceparent of the trace that raised the alert, its delivery's too; null without traces
     */
    public record Pending(long id, Alert alert, int attempts, Instant createdAt, String trace) {
    }

    private static final String PENDING = "PENDING";
    private static final String SILENCED = "SILENCED";

    private final Database database;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public Outbox(Database database) {
        this.database = database;
    }

    /**
     * Stores the alert and one pending copy per target, in one transaction. Returns false, storing nothing, when an alert
     * with this id is stored already: a confirmation that is run again queues its alert once.
     *
     * @param trace the traceparent of the trace the alert was raised in, which its delivery joins; null for none
     */
    public boolean enqueue(Alert alert, List<Target> targets, Instant now, Duration groupWait, String trace)
            throws SQLException {
        return store(alert, targets, now, groupWait, PENDING, null, trace);
    }

    /** Stores a silenced alert: its copies are recorded as SILENCED, with why, and never sent. */
    public boolean silenced(Alert alert, List<Target> targets, Instant now, String why) throws SQLException {
        return store(alert, targets, now, Duration.ZERO, SILENCED, why, null);
    }

    private boolean store(Alert alert, List<Target> targets, Instant now, Duration groupWait, String status, String note,
                          String trace) throws SQLException {
        try (Connection db = connect()) {
            db.setAutoCommit(false);
            if (stored(db, alert.id())) {
                db.rollback();
                return false;
            }
            try (PreparedStatement insertAlert = db.prepareStatement("INSERT INTO dhm_alert (id, body, created_at, trace_parent) VALUES (?, ?, ?, ?)");
                 PreparedStatement insertCopy = db.prepareStatement("INSERT INTO dhm_delivery (alert_id, channel, target, "
                         + "status, due_at, next_attempt_at, attempts, created_at, updated_at, last_error) "
                         + "VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")) {
                insertAlert.setString(1, alert.id());
                insertAlert.setString(2, json.writeValueAsString(alert));
                insertAlert.setLong(3, now.toEpochMilli());
                insertAlert.setString(4, trace);
                insertAlert.executeUpdate();
                for (Target target : targets) {
                    long due = openWindow(db, target, now).orElse(now.plus(groupWait).toEpochMilli());
                    insertCopy.setString(1, alert.id());
                    insertCopy.setString(2, target.channel());
                    insertCopy.setString(3, target.address());
                    insertCopy.setString(4, status);
                    insertCopy.setLong(5, due);
                    insertCopy.setLong(6, due);
                    insertCopy.setLong(7, now.toEpochMilli());
                    insertCopy.setLong(8, now.toEpochMilli());
                    insertCopy.setString(9, note);
                    insertCopy.executeUpdate();
                }
                db.commit();
                return true;
            } catch (SQLException | JsonProcessingException e) {
                db.rollback();
                throw e instanceof SQLException sqlException ? sqlException : new SQLException(e);
            }
        }
    }

    /** Whether an alert of this id is stored, whatever became of its copies. */
    public boolean stored(String alertId) throws SQLException {
        try (Connection db = connect()) {
            return stored(db, alertId);
        }
    }

    private static boolean stored(Connection db, String alertId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT 1 FROM dhm_alert WHERE id = ?")) {
            query.setString(1, alertId);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    /** The end of a group window still open for this target, if any. */
    private static Optional<Long> openWindow(Connection db, Target target, Instant now) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT MIN(due_at) FROM dhm_delivery "
                + "WHERE channel = ? AND target = ? AND status = ? AND attempts = 0 AND due_at > ?")) {
            query.setString(1, target.channel());
            query.setString(2, target.address());
            query.setString(3, PENDING);
            query.setLong(4, now.toEpochMilli());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                long due = row.getLong(1);
                return row.wasNull() ? Optional.empty() : Optional.of(due);
            }
        }
    }

    /** When the next pending copy is due (it may be due already), or empty when nothing is pending. */
    public Optional<Instant> nextAttempt() throws SQLException {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "SELECT MIN(next_attempt_at) FROM dhm_delivery WHERE status = ?")) {
            query.setString(1, PENDING);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                long next = row.getLong(1);
                return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next));
            }
        }
    }

    public List<Lane> dueLanes(Instant now) throws SQLException {
        List<Lane> lanes = new ArrayList<>();
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "SELECT DISTINCT channel, target FROM dhm_delivery WHERE status = ? AND next_attempt_at <= ?")) {
            query.setString(1, PENDING);
            query.setLong(2, now.toEpochMilli());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lanes.add(new Lane(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return lanes;
    }

    /** The copies of one lane that are due, oldest alert first. */
    public List<Pending> due(Lane lane, Instant now) throws SQLException {
        List<Pending> due = new ArrayList<>();
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "SELECT d.id, a.body, d.attempts, d.created_at, a.trace_parent FROM dhm_delivery d JOIN dhm_alert a ON a.id = d.alert_id "
                        + "WHERE d.channel = ? AND d.target = ? AND d.status = ? AND d.next_attempt_at <= ? ORDER BY d.created_at, d.id")) {
            query.setString(1, lane.channel());
            query.setString(2, lane.target());
            query.setString(3, PENDING);
            query.setLong(4, now.toEpochMilli());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    due.add(new Pending(rows.getLong(1), json.readValue(rows.getString(2), Alert.class),
                            rows.getInt(3), Instant.ofEpochMilli(rows.getLong(4)), rows.getString(5)));
                }
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable alert in the outbox", e);
        }
        return due;
    }

    public void delivered(List<Pending> copies, Instant now) throws SQLException {
        update(copies, "UPDATE dhm_delivery SET status = 'SENT', attempts = attempts + 1, updated_at = ?, last_error = NULL WHERE id = ?", now);
    }

    public void dead(List<Pending> copies, String reason, Instant now) throws SQLException {
        try (Connection db = connect(); PreparedStatement update = db.prepareStatement(
                "UPDATE dhm_delivery SET status = 'DEAD', attempts = attempts + 1, updated_at = ?, last_error = ? WHERE id = ?")) {
            for (Pending copy : copies) {
                update.setLong(1, now.toEpochMilli());
                update.setString(2, truncate(reason));
                update.setLong(3, copy.id());
                update.executeUpdate();
            }
        }
    }

    public void retryAt(Pending copy, Instant next, String reason, Instant now) throws SQLException {
        try (Connection db = connect(); PreparedStatement update = db.prepareStatement("UPDATE dhm_delivery SET "
                + "attempts = attempts + 1, next_attempt_at = ?, updated_at = ?, last_error = ? WHERE id = ?")) {
            update.setLong(1, next.toEpochMilli());
            update.setLong(2, now.toEpochMilli());
            update.setString(3, truncate(reason));
            update.setLong(4, copy.id());
            update.executeUpdate();
        }
    }

    public int pendingCount() throws SQLException {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "SELECT COUNT(*) FROM dhm_delivery WHERE status = ?")) {
            query.setString(1, PENDING);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** The pending copies tried {@code attempts} times or more, by channel (one query on the status index). */
    public List<Stuck> stuck(int attempts) throws SQLException {
        List<Stuck> stuck = new ArrayList<>();
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "SELECT channel, COUNT(*), MAX(attempts), MAX(last_error) FROM dhm_delivery "
                        + "WHERE status = ? AND attempts >= ? GROUP BY channel ORDER BY channel")) {
            query.setString(1, PENDING);
            query.setInt(2, attempts);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stuck.add(new Stuck(rows.getString(1), rows.getInt(2), rows.getInt(3), rows.getString(4)));
                }
            }
        }
        return stuck;
    }

    private void update(List<Pending> copies, String statement, Instant now) throws SQLException {
        try (Connection db = connect(); PreparedStatement update = db.prepareStatement(statement)) {
            for (Pending copy : copies) {
                update.setLong(1, now.toEpochMilli());
                update.setLong(2, copy.id());
                update.executeUpdate();
            }
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    private Connection connect() throws SQLException {
        return database.connect();
    }
}
