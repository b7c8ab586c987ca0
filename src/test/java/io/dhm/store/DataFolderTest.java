package io.dhm.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DataFolderTest {

    @TempDir
    Path workDir;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aNewDataFolderIsTheOwnersAlone() throws IOException {
        Path data = workDir.resolve("data");
        DataFolder.prepare(data);
        assertEquals("rwx------", mode(data));
    }

    @Test
    void anEarlierRunsOpenFilesAndFoldersAreTightened() throws IOException {
        Path data = Files.createDirectory(workDir.resolve("data"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path outbox = Files.writeString(data.resolve("outbox.mv.db"), "alert bodies");
        Files.setPosixFilePermissions(outbox, PosixFilePermissions.fromString("rw-r--r--"));
        Path leveldb = Files.createDirectory(data.resolve("confirmations.leveldb"));
        Files.setPosixFilePermissions(leveldb, PosixFilePermissions.fromString("rwxrwxr-x"));

        DataFolder.prepare(data);

        assertEquals("rwx------", mode(data));
        assertEquals("rw-------", mode(outbox));
        assertEquals("rwx------", mode(leveldb));
    }
}
