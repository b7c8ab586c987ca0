package io.dhm.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The monitor's database schema, as versioned migrations run by Flyway (the scripts in
 * {@value #LOCATION}; V1 is the schema of the releases before migrations). It runs once at start, before any store
 * opens, and the stores assume the schema it leaves.
 *
 * <p>A database made before migrations is taken as it is: Flyway notes it at version 0, and V1, whose statements create
 * only what is missing, completes it without touching a row. The two instances of a pair starting together on their
 * shared PostgreSQL migrate it once: Flyway holds a lock in the database while it migrates (an advisory lock, which
 * PostgreSQL releases when the session of an instance killed meanwhile ends), and the second finds the work done.
 *
 * <p>A migration is written so that running it again completes it (CREATE ... IF NOT EXISTS): H2 cannot roll back a
 * statement that changes the schema, and a start on a data folder that fills up halfway through tries again once there
 * is space (FoundationConfiguration.open).
 */
public final class Schema {

    /** Flyway's record of the versions applied, beside the monitor's own tables. */
    static final String HISTORY_TABLE = "dhm_schema_history";
    static final String LOCATION = "classpath:io/dhm/store/migration";

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    private Schema() {
    }

    /**
     * Brings the database to the newest schema and returns how many migrations that took (none when another instance
     * or an earlier start did it); a failure is an {@link SQLException} carrying the database's own.
     */
    public static int migrate(Database database) throws SQLException {
        // a database that does not answer, or a data folder too full to open the H2 file in, fails here with the
        // driver's own error, as a store's first connection did before migrations
        boolean firstStart;
        try (Connection db = database.connect()) {
            firstStart = !hasHistory(db);
        }
        Flyway flyway = Flyway.configure(Schema.class.getClassLoader())
                .dataSource(database.dataSource())
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("made before versioned migrations")
                .load();
        MigrateResult result;
        try {
            result = migrate(flyway, firstStart);
        } catch (FlywayException e) {
            SQLException cause = sqlCause(e);
            throw new SQLException("its schema could not be migrated: " + (cause != null ? cause.getMessage()
                    : e.getMessage()), cause != null ? cause.getSQLState() : null, e);
        }
        if (result.migrationsExecuted > 0) {
            LOG.info("Database schema migrated from version {} to {}", result.initialSchemaVersion == null
                    ? "none" : result.initialSchemaVersion, result.targetSchemaVersion);
        }
        return result.migrationsExecuted;
    }

    /**
     * Flyway migrates under its lock, but on a database without its history table it first makes the table (empty, or
     * with the baseline of a database made before migrations) before it can lock it. When the two instances of a pair
     * start together on such a database, the one that is second to make the table finds the other's and stops. Its
     * second try finds the table, waits for the lock, and then finds the migrations applied. A first start that failed
     * for any other reason fails again, and says the first reason.
     */
    private static MigrateResult migrate(Flyway flyway, boolean firstStart) {
        try {
            return flyway.migrate();
        } catch (FlywayException first) {
            if (!firstStart) {
                throw first;
            }
            LOG.debug("Database schema: trying again, another instance may have started it meanwhile ({})",
                    first.getMessage());
            try {
                return flyway.migrate();
            } catch (FlywayException again) {
                first.addSuppressed(again);
                throw first;
            }
        }
    }

    private static boolean hasHistory(Connection db) throws SQLException {
        try (ResultSet tables = db.getMetaData().getTables(db.getCatalog(), db.getSchema(), HISTORY_TABLE, null)) {
            return tables.next();
        }
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
