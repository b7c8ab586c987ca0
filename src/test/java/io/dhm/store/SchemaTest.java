package io.dhm.store;

import io.dhm.deliver.AlertRecords;
import io.dhm.deliver.Outbox;
import io.dhm.heal.HealBook;
import io.dhm.history.History;
import io.dhm.decide.AlertMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The migrated schema on H2: a new database, and one the last release before migrations made and filled. */
class SchemaTest {

    @TempDir
    Path dataDir;

    /** The H2 file as the monitor opens it by default. */
    private Database file() {
        return new Database("jdbc:h2:file:" + dataDir.resolve("outbox") + ";DB_CLOSE_DELAY=-1;WRITE_DELAY=0",
                Optional.empty(), Optional.empty());
    }

    @Test
    void aNewDatabaseGetsEveryTableOnceAndASecondStartAppliesNothing() throws Exception {
        Database database = file();
        assertEquals(1, Schema.migrate(database), "V1 applied");
        assertEquals(0, Schema.migrate(database), "a restart finds the schema current");
        assertEquals(List.of("1 SQL release schema"), SchemaHistory.versions(database));
        ReleaseDatabase.rows(database).forEach((table, rows) -> assertTrue(rows.isEmpty(), table));
    }

    @Test
    void aDatabaseOfTheReleaseBeforeMigrationsKeepsEveryRow() throws Exception {
        Database database = file();
        ReleaseDatabase.create(database);
        Map<String, List<List<String>>> before = ReleaseDatabase.rows(database);
        before.forEach((table, rows) -> assertFalse(rows.isEmpty(), table + " has rows to keep"));

        Schema.migrate(database);

        assertEquals(before, ReleaseDatabase.rows(database), "every row of every table is kept as it was");
        assertEquals(List.of("0 BASELINE made before versioned migrations", "1 SQL release schema"), SchemaHistory.versions(database));
        // and the stores read them, and write beside them
        assertEquals(1, new Outbox(database).pendingCount(), "the webhook copy is still due");
        assertEquals(List.of("alert-1", "alert-2"), new AlertRecords(database).recent(10, null, null).stream()
                .map(record -> record.alert().id()).toList());
        assertEquals(1, new AlertMemory(database).all().size());
        HealBook heal = new HealBook(database);
        heal.reload();
        assertEquals(1, heal.all().size());
        History history = new History(database, Duration.ofHours(168), Clock.systemUTC());
        assertEquals(2, history.recent("shop/web/1", 10).size());
        history.record(History.Kind.HEAL, ReleaseDatabase.WEB, "restarted", null);
        assertEquals(3, history.recent("shop/web/1", 10).size(), "new rows take the next ids");
    }

    @Test
    void anOlderDatabaseWithoutTheTraceColumnGetsIt() throws Exception {
        Database database = file();
        try (Connection db = database.connect(); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE dhm_alert (id VARCHAR(64) PRIMARY KEY, body TEXT NOT NULL, created_at BIGINT NOT NULL)");
            sql.execute("INSERT INTO dhm_alert (id, body, created_at) VALUES ('old', '{}', 1)");
        }
        Schema.migrate(database);
        try (Connection db = database.connect(); Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("SELECT id, trace_parent FROM dhm_alert")) {
            assertTrue(row.next());
            assertEquals("old", row.getString(1));
            assertEquals(null, row.getString(2));
        }
    }

    @Test
    void aDatabaseThatRefusesTheSchemaFailsWithItsReason() throws Exception {
        Database database = file();
        try (Connection db = database.connect(); Statement sql = db.createStatement()) {
            // not the release's table: the index V1 makes on it names a column it lacks
            sql.execute("CREATE TABLE dhm_history (id BIGINT PRIMARY KEY, container_key VARCHAR(400))");
        }
        SQLException refused = assertThrows(SQLException.class, () -> Schema.migrate(database));
        assertTrue(refused.getMessage().startsWith("its schema could not be migrated: "), refused.getMessage());
    }

    @Test
    void twoInstancesMigratingAtOnceBothStartAndOneApplies() throws Exception {
        Database database = file();
        List<Integer> applied = MigrationRace.run(database, database);
        assertEquals(1, applied.stream().mapToInt(Integer::intValue).sum(), "applied by one: " + applied);
        assertEquals(List.of("1 SQL release schema"), SchemaHistory.versions(database));
    }
}
