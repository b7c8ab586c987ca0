package io.dhm.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The monitor's database (OUTBOX_JDBC_URL: an H2 file in data/ by default, or PostgreSQL): the alert outbox and the
 * memory of alerted containers live here. A connection per operation keeps it simple; alerts are rare.
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
        return DriverManager.getConnection(url, user.orElse(null), password.orElse(null));
    }

    public String url() {
        return url;
    }
}
