package io.dhm.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What Flyway recorded in a database's {@value Schema#HISTORY_TABLE}. */
public final class SchemaHistory {

    private SchemaHistory() {
    }

    /** The versions applied, oldest first, each as "version type description"; every one must have succeeded. */
    public static List<String> versions(Database database) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection db = database.connect(); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT \"version\", \"type\", \"description\", \"success\" FROM \""
                     + Schema.HISTORY_TABLE + "\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rows.next()) {
                versions.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3)
                        + (rows.getBoolean(4) ? "" : " FAILED"));
            }
        }
        return versions;
    }
}
