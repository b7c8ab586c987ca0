package io.dhm.store;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The monitor's database (DATABASE_URL: an H2 file in data/ by default, or PostgreSQL): the alert outbox, the history,
 * the pending waits and every other store live here, in the tables {@link Schema} migrates before any store opens. A
 * connection per operation keeps it simple; alerts are rare.
 */
public class Database {

    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;

    public Database(String url, Optional<String> user, Optional<String> password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection(url, user.orElse(null), password.orElse(null));
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw new DatabaseUnavailableException(url, e);
            }
            throw e;
        }
    }

    /**
     * Stores {@code body} as the one row of {@code key} in a (key column, body) table, replacing any earlier row;
     * portable SQL (H2 and PostgreSQL spell an upsert differently).
     */
    public void replaceRow(String table, String keyColumn, String key, String body) throws SQLException {
        try (Connection db = connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement delete = db.prepareStatement("DELETE FROM " + table + " WHERE " + keyColumn + " = ?");
                 PreparedStatement insert = db.prepareStatement("INSERT INTO " + table + " (" + keyColumn + ", body) VALUES (?, ?)")) {
                delete.setString(1, key);
                delete.executeUpdate();
                insert.setString(1, key);
                insert.setString(2, body);
                insert.executeUpdate();
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            }
        }
    }

    /** The same database for a library that takes a DataSource (camel-sql's aggregation repository). */
    public DataSource dataSource() {
        return new DriverManagerDataSource(url, user.orElse(null), password.orElse(null));
    }

    public String url() {
        return url;
    }
}
