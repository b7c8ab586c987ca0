package io.dhm.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small table of JSON documents by id (id, body) in the monitor's database, for state the operator sets through
 * the API (silences, custom check rules) that must outlive a restart.
 */
public class JsonRows<T> {

    private final Database database;
    private final String table;
    private final Class<T> type;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    public JsonRows(Database database, String table, Class<T> type) {
        this.database = database;
        this.table = table;
        this.type = type;
    }

    /** Every row (the table is one of the migrated schema's). */
    public Map<String, T> open() throws SQLException {
        Map<String, T> rows = new LinkedHashMap<>();
        try (Connection db = database.connect(); Statement sql = db.createStatement()) {
            try (ResultSet result = sql.executeQuery("SELECT id, body FROM " + table)) {
                while (result.next()) {
                    rows.put(result.getString(1), json.readValue(result.getString(2), type));
                }
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable row in " + table, e);
        }
        return rows;
    }

    public void put(String id, T value) throws SQLException {
        try {
            database.replaceRow(table, "id", id, json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new SQLException(e);
        }
    }

    public void remove(String id) throws SQLException {
        try (Connection db = database.connect();
             PreparedStatement delete = db.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
        }
    }
}
