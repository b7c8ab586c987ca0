package io.dhm.store;

import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * A fresh in-memory H2 database per call, migrated as the monitor migrates its database at start, as the unit tests'
 * stand-in for the monitor's database file.
 */
public final class MemoryDatabase {

    private MemoryDatabase() {
    }

    public static Database create() {
        Database database = unmigrated();
        try {
            Schema.migrate(database);
        } catch (SQLException e) {
            throw new IllegalStateException("the schema does not migrate on H2", e);
        }
        return database;
    }

    /** An empty database, as a monitor finds one the first time. */
    public static Database unmigrated() {
        return new Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", Optional.empty(), Optional.empty());
    }
}
