package io.dhm.store;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.UncategorizedSQLException;

import java.io.IOException;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageFailuresTest {

    @Test
    void aWriteTheFileSystemRefusedIsAStorageFailureHoweverDeepItIsWrapped() {
        IOException full = new IOException("No space left on device");
        assertTrue(StorageFailures.isStorageFailure(new UncategorizedSQLException("insert", "INSERT",
                new SQLException("General error", "HY000", 50000, full))));
        assertTrue(StorageFailures.isStorageFailure(new IOException("Read-only file system")));
        assertTrue(StorageFailures.isStorageFailure(new SQLException("The database has been closed", "90098", 90098)));
        assertEquals("No space left on device", StorageFailures.reason(new RuntimeException("wrapped", full)));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(StorageFailures.isStorageFailure(new SQLException("Table \"X\" not found", "42S02", 42102)));
        assertFalse(StorageFailures.isStorageFailure(new IOException("Connection refused")));
        assertFalse(StorageFailures.isStorageFailure(null));
    }
}
