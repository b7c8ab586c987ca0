package io.dhm.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a write the data folder could not take (no space left, a read-only or over-quota file system) from any other
 * failure: such a write is kept in memory and tried again until the folder takes it, never given up on. H2 reports
 * it as its store failing to write, and then as the database being closed until it is opened again.
 */
public final class StorageFailures {

    /** H2's codes for a file it cannot write: IO exception, database closed after a failed write, read-only. */
    private static final Set<Integer> H2_STORAGE_CODES = Set.of(90028, 90031, 90097, 90098);
    private static final String H2_STORE_FAILURE = "org.h2.mvstore.MVStoreException";
    private static final Set<String> FILE_SYSTEM_REFUSALS = Set.of("no space left", "read-only file system",
            "disk quota exceeded");

    private StorageFailures() {
    }

    public static boolean isStorageFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && H2_STORAGE_CODES.contains(sql.getErrorCode())
                    || cause.getClass().getName().equals(H2_STORE_FAILURE)
                    || cause instanceof IOException && refusedByFileSystem(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** The deepest message of the failure, which names what the file system said. */
    public static String reason(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage();
        return message == null ? deepest.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }

    private static boolean refusedByFileSystem(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return FILE_SYSTEM_REFUSALS.stream().anyMatch(text::contains);
    }
}
