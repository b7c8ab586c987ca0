package io.dhm.store;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertThrows;

class DatabaseTest {

    @Test
    void aDatabaseThatDoesNotAnswerIsUnavailableNotRefused() {
        Database nobody = new Database("jdbc:postgresql://127.0.0.1:1/monitor", Optional.of("x"), Optional.of("y"));
        assertThrows(DatabaseUnavailableException.class, nobody::connect);
    }
}
