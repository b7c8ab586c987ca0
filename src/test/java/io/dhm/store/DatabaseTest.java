package io.dhm.store;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTest {

    @Test
    void aTableTheDatabaseRefusesIsNamedWithTheReason() {
        Database database = new Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", Optional.empty(),
                Optional.empty());
        SQLException refused = assertThrows(SQLException.class, () -> database.createTables(
                "CREATE TABLE IF NOT EXISTS dhm_fine (id VARCHAR(10) PRIMARY KEY)",
                "CREATE TABLE IF NOT EXISTS dhm_example (id NO_SUCH_TYPE PRIMARY KEY)"));
        assertTrue(refused.getMessage().startsWith("table dhm_example was refused: "), refused.getMessage());
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsUnavailableNotRefused() {
        Database nobody = new Database("jdbc:postgresql://127.0.0.1:1/monitor", Optional.of("x"), Optional.of("y"));
        assertThrows(DatabaseUnavailableException.class, nobody::connect);
    }
}
