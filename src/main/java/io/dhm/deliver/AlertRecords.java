package io.dhm.deliver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dhm.alert.Alert;
import io.dhm.config.TargetMask;
import io.dhm.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outbox as the API and the dashboard read it: the alerts stored, each with what became of its copies. It only
 * reads; the delivery queue that writes these rows is {@link Outbox}.
 */
public class AlertRecords {

    private final Database database;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    public AlertRecords(Database database) {
        this.database = database;
    }

    /** The alert stored under this id, whatever became of its copies. */
    public Optional<Alert> alert(String id) throws SQLException {
        try (Connection db = database.connect(); PreparedStatement query = db.prepareStatement("SELECT body FROM dhm_alert WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(json.readValue(row.getString(1), Alert.class)) : Optional.empty();
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable alert " + id + " in the outbox", e);
        }
    }

    /**
     * The newest alerts with what became of each copy, newest first; {@code severity} and {@code container} narrow
     * it when not null.
     */
    public List<AlertRecord> recent(int limit, String severity, String container) throws SQLException {
        List<AlertRecord> records = new ArrayList<>();
        try (Connection db = database.connect();
             PreparedStatement alerts = db.prepareStatement("SELECT id, body FROM dhm_alert ORDER BY created_at DESC, id");
             PreparedStatement copies = db.prepareStatement("SELECT channel, target, status, attempts, updated_at, last_error "
                     + "FROM dhm_delivery WHERE alert_id = ? ORDER BY id")) {
            try (ResultSet rows = alerts.executeQuery()) {
                while (rows.next() && records.size() < limit) {
                    Alert alert = json.readValue(rows.getString(2), Alert.class);
                    if ((severity == null || alert.severity().name().equalsIgnoreCase(severity))
                            && (container == null || alert.container().equals(container))) {
                        records.add(new AlertRecord(alert, deliveries(copies, alert.id())));
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable alert in the outbox", e);
        }
        return records;
    }

    private static List<AlertRecord.Delivery> deliveries(PreparedStatement copies, String alertId) throws SQLException {
        List<AlertRecord.Delivery> deliveries = new ArrayList<>();
        copies.setString(1, alertId);
        try (ResultSet rows = copies.executeQuery()) {
            while (rows.next()) {
                // the API and the dashboard show the target: a webhook's or endpoint's secret parts masked
                deliveries.add(new AlertRecord.Delivery(rows.getString(1), TargetMask.inText(rows.getString(2)), rows.getString(3),
                        rows.getInt(4), Instant.ofEpochMilli(rows.getLong(5)), rows.getString(6)));
            }
        }
        return deliveries;
    }
}
