package io.dhm.decide;

import io.dhm.observe.Transition;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dhm.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Which containers have had an alert and not yet recovered, kept in the database so that a restarted monitor neither
 * alerts them again nor misses their recovery. Each row is the alerted episode as a {@link Transition} whose
 * {@code alertedAs} is the status alerted and {@code at} the time of the alert.
 */
public class AlertMemory {

    private final Database database;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    public AlertMemory(Database database) {
        this.database = database;
    }

    public void remember(Transition alerted) throws SQLException {
        try {
            database.replaceRow("dhm_alerted", "container_key", alerted.key(), json.writeValueAsString(alerted));
        } catch (JsonProcessingException e) {
            throw new SQLException(e);
        }
    }

    /** The container recovered: its episode is over. */
    public void forget(Transition recovered) throws SQLException {
        try (Connection db = database.connect();
             PreparedStatement delete = db.prepareStatement("DELETE FROM dhm_alerted WHERE container_key = ?")) {
            delete.setString(1, recovered.key());
            delete.executeUpdate();
        }
    }

    public List<Transition> all() throws SQLException {
        List<Transition> alerted = new ArrayList<>();
        try (Connection db = database.connect(); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT body FROM dhm_alerted")) {
            while (rows.next()) {
                alerted.add(json.readValue(rows.getString(1), Transition.class));
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable row in dhm_alerted", e);
        }
        return alerted;
    }
}
