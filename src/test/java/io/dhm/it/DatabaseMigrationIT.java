package io.dhm.it;

import io.dhm.store.Database;
import io.dhm.store.MigrationRace;
import io.dhm.store.ReleaseDatabase;
import io.dhm.store.SchemaHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The schema migration on the real PostgreSQL a pair shares (scripts/sandbox-postgres.sh): the two instances of a pair
 * starting at once migrate it once, through Flyway's lock, whether the schema is new or one the last release before
 * migrations made and filled, whose every row is kept. Each test works in a schema of its own.
 */
@Tag("alone") // ClusterIT stops and starts this PostgreSQL: run after the other integration tests, alone (pom.xml)
class DatabaseMigrationIT {

    private String schema;
    /** Each instance of the pair has its own connections to the shared database. */
    private Database first;
    private Database second;

    private static String need(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: start PostgreSQL with scripts/sandbox-postgres.sh"
                    + " and export what its env prints (scripts/test.sh does)");
        }
        return value;
    }

    @BeforeEach
    void schema() throws SQLException {
        schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE SCHEMA " + schema);
        first = instance();
        second = instance();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        admin("DROP SCHEMA " + schema + " CASCADE");
    }

    private Database instance() {
        return new Database(need("DHM_POSTGRES_URL") + "?currentSchema=" + schema,
                Optional.of(need("DHM_POSTGRES_USER")), Optional.of(need("DHM_POSTGRES_PASSWORD")));
    }

    private static void admin(String statement) throws SQLException {
        try (Connection db = DriverManager.getConnection(need("DHM_POSTGRES_URL"), need("DHM_POSTGRES_USER"),
                need("DHM_POSTGRES_PASSWORD")); Statement sql = db.createStatement()) {
            sql.execute(statement);
        }
    }

    @Test
    void aPairStartingAtOnceOnANewDatabaseMigratesItOnce() throws Exception {
        List<Integer> applied = MigrationRace.run(first, second);

        assertEquals(List.of(0, 1), applied.stream().sorted().toList(), "both started, one applied V1: " + applied);
        assertEquals(List.of("1 SQL release schema"), SchemaHistory.versions(first));
        ReleaseDatabase.rows(second).forEach((table, rows) -> assertEquals(List.of(), rows, table));
    }

    @Test
    void aPairStartingAtOnceOnTheReleasesDatabaseKeepsEveryRow() throws Exception {
        ReleaseDatabase.create(first);
        Map<String, List<List<String>>> before = ReleaseDatabase.rows(first);
        before.forEach((table, rows) -> assertFalse(rows.isEmpty(), table + " has rows to keep"));

        List<Integer> applied = MigrationRace.run(first, second);

        assertEquals(List.of(0, 1), applied.stream().sorted().toList(), "both started, one applied V1: " + applied);
        assertEquals(List.of("0 BASELINE made before versioned migrations", "1 SQL release schema"),
                SchemaHistory.versions(second));
        assertEquals(before, ReleaseDatabase.rows(second), "every row of every table is kept as it was");
    }
}
