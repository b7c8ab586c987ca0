package io.dhm.heal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dhm.store.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Auto-heal's {@link HealRecord}s by container identity, in the monitor's database (table dhm_heal) with a copy in
 * memory: restart limits and quarantines outlive a restart of the monitor.
 */
public class HealBook {

    private final Database database;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Map<String, HealRecord> records = new ConcurrentHashMap<>();

    public HealBook(Database database) {
        this.database = database;
    }

    /** Reads the records (again at a pair's take-over: the old leader restarted containers). */
    public void reload() throws SQLException {
        Map<String, HealRecord> now = new java.util.HashMap<>();
        try (Connection db = database.connect(); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT container_key, body FROM dhm_heal")) {
            while (rows.next()) {
                now.put(rows.getString(1), json.readValue(rows.getString(2), HealRecord.class));
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable row in dhm_heal", e);
        }
        records.keySet().retainAll(now.keySet());
        records.putAll(now);
    }

    public Optional<HealRecord> get(String key) {
        return Optional.ofNullable(records.get(key));
    }

    public Map<String, HealRecord> all() {
        return Map.copyOf(records);
    }

    /**
     * Keeps the record, in memory first: what happened (a restart, a quarantine) counts toward the limits even when the
     * database fails to store it.
     */
    public void put(String key, HealRecord record) throws SQLException {
        HealRecord before = records.put(key, record);
        if (record.equals(before)) {
            return;
        }
        try {
            database.replaceRow("dhm_heal", "container_key", key, json.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            throw new SQLException(e);
        }
    }
}
