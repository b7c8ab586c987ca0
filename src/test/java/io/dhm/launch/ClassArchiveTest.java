package io.dhm.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the monitor's JVM records, uses and keeps its class-data archive; the JVM's part is proven by LifecycleIT. */
class ClassArchiveTest {

    private static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx256m");

    @TempDir
    Path dir;

    @Test
    void withoutAnArchiveTheMonitorRecordsOneThatBecomesTheArchiveAfterACleanExit() throws Exception {
        Path jar = jar("docker-health-monitor.jar");
        ClassArchive archive = ClassArchive.of(jar.toString(), OPTIONS).orElseThrow();

        Path recording = path(archive.jvmOptions(), "-XX:ArchiveClassesAtExit=");
        assertTrue(archive.jvmOptions().contains("-Xlog:cds*=off"), "an archive the JVM cannot use is no error");
        Files.writeString(recording, "classes"); // as the JVM writes it at exit
        archive.monitorExited(0);

        assertFalse(Files.exists(recording));
        Path kept = path(archive.jvmOptions(), "-XX:SharedArchiveFile=");
        assertEquals("classes", Files.readString(kept));
        assertTrue(kept.getFileName().toString().matches("docker-health-monitor-[0-9a-f]{12}\\.jsa"), kept.toString());
    }

    @Test
    void aRecordingOfAFailedRunIsDropped() throws Exception {
        ClassArchive archive = ClassArchive.of(jar("docker-health-monitor.jar").toString(), OPTIONS).orElseThrow();
        Path recording = path(archive.jvmOptions(), "-XX:ArchiveClassesAtExit=");
        Files.writeString(recording, "classes");

        archive.monitorExited(1);

        assertFalse(Files.exists(recording));
        assertTrue(archive.jvmOptions().get(0).startsWith("-XX:ArchiveClassesAtExit="), "recorded again next time");
    }

    @Test
    void aRebuiltJarOrOtherOptionsGetAnArchiveOfTheirOwnAndTheOldOneIsRemoved() throws Exception {
        Path jar = jar("docker-health-monitor.jar");
        Path first = keep(ClassArchive.of(jar.toString(), OPTIONS).orElseThrow());
        Path other = dir.resolve("docker-health-monitor-kamelets-0123456789ab.jsa");
        Files.writeString(other, "another jar's");

        Path otherOptions = recordingOf(ClassArchive.of(jar.toString(), List.of("-Xmx128m")).orElseThrow());
        assertFalse(otherOptions.getFileName().toString().startsWith(first.getFileName().toString()), otherOptions.toString());
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // mvn package again
        Path second = keep(ClassArchive.of(jar.toString(), OPTIONS).orElseThrow());

        assertNotEquals(first, second);
        assertFalse(Files.exists(first), "the archive of the jar before is removed");
        assertTrue(Files.exists(other), "only this jar's archives are removed");
    }

    @Test
    void nothingIsArchivedForAClassPathOfFoldersOrSeveralJarsOrInAFolderThatIsNotWritable() throws Exception {
        assertTrue(ClassArchive.of(dir.toString(), OPTIONS).isEmpty());
        assertTrue(ClassArchive.of(jar("a.jar") + File.pathSeparator + jar("b.jar"), OPTIONS).isEmpty());

        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Path jar = Files.writeString(readOnly.resolve("docker-health-monitor.jar"), "jar");
        assertTrue(readOnly.toFile().setWritable(false));
        try {
            ClassArchive archive = ClassArchive.of(jar.toString(), OPTIONS).orElseThrow();
            // root may write anyway; then the archive is recorded as anywhere else
            assertEquals(Files.isWritable(readOnly), !archive.jvmOptions().isEmpty());
        } finally {
            readOnly.toFile().setWritable(true);
        }
    }

    private Path jar(String name) throws Exception {
        return Files.writeString(dir.resolve(name), "a jar");
    }

    private static Path keep(ClassArchive archive) throws Exception {
        Files.writeString(recordingOf(archive), "classes");
        archive.monitorExited(0);
        return path(archive.jvmOptions(), "-XX:SharedArchiveFile=");
    }

    private static Path recordingOf(ClassArchive archive) {
        return path(archive.jvmOptions(), "-XX:ArchiveClassesAtExit=");
    }

    private static Path path(List<String> options, String option) {
        return Path.of(options.stream().filter(each -> each.startsWith(option)).findFirst()
                .orElseThrow(() -> new AssertionError(option + " not in " + options)).substring(option.length()));
    }
}
