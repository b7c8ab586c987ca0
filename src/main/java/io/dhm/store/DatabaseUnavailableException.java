package io.dhm.store;

import java.sql.SQLException;

/**
 * The monitor's database did not answer (a connection could not be made: SQLState class 08, or a timeout). Unlike a
 * refused statement it passes: the confirmation stage retries it until the database is back (routes/confirm.camel.yaml).
 */
public class DatabaseUnavailableException extends SQLException {

    public DatabaseUnavailableException(String url, SQLException cause) {
        super("the database at " + url + " does not answer: " + cause.getMessage(), cause.getSQLState(), cause);
    }
}
