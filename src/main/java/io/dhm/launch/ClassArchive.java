package io.dhm.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The monitor's class-data archive (AppCDS): the JVM maps the classes the monitor loads at start-up (about 10,000:
 * Camel, docker-java, Vert.x, Jackson, Log4j) from one file instead of reading and verifying them from the jar, which
 * takes over a second off the start-up of a 2-core machine. The archive sits beside the jar, named after everything it
 * depends on (the jar's path, size and time, the JVM and its options), so a rebuilt jar or another JVM never uses a
 * stale one. When there is none, the monitor records it as it stops (the JVM writes the classes it loaded at exit) and
 * the next start uses it. {@code mvn package} makes it with a short run of the jar, so a first start is fast as well.
 * Nothing is archived when the jar's folder is not writable; the monitor runs the same, only its start-up is slower.
 */
final class ClassArchive {

    /** The JVM says nothing about the archive: an archive it cannot use is not an error, only a slower start. */
    private static final String QUIET = "-Xlog:cds*=off";

    private final Path jar;
    private final Path archive;
    private final Path recording;

    private ClassArchive(Path jar, Path archive, Path recording) {
        this.jar = jar;
        this.archive = archive;
        this.recording = recording;
    }

    /** The archive for this jar run with these JVM options, or none when the class path is not one jar file. */
    static Optional<ClassArchive> of(String classPath, List<String> jvmOptions) {
        Path jar = Path.of(classPath).toAbsolutePath().normalize();
        if (classPath.contains(java.io.File.pathSeparator) || !jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try {
            String key = String.join("\n", jar.toString(), String.valueOf(Files.size(jar)),
                    String.valueOf(Files.getLastModifiedTime(jar).toMillis()), System.getProperty("java.home"),
                    System.getProperty("java.vm.version"), String.join(" ", jvmOptions));
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)), 0, 6);
            Path archive = jar.resolveSibling(baseName(jar) + "-" + hash + ".jsa");
            return Optional.of(new ClassArchive(jar, archive, archive.resolveSibling(archive.getFileName() + "."
                    + ProcessHandle.current().pid() + ".tmp")));
        } catch (IOException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /** The jar as an absolute path: the JVM checks the class path it runs with against the one it archived. */
    String classPath() {
        return jar.toString();
    }

    /** The JVM options that use the archive, or record it when there is none yet and the jar's folder is writable. */
    List<String> jvmOptions() {
        if (Files.isReadable(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive, QUIET);
        }
        if (Files.isWritable(archive.getParent())) {
            return List.of("-XX:ArchiveClassesAtExit=" + recording, QUIET);
        }
        return List.of();
    }

    /**
     * After the monitor's JVM has exited: a recording it wrote becomes the archive (renamed, so a monitor starting
     * meanwhile never maps half a file), and archives of earlier jars or JVMs are removed.
     */
    void monitorExited(int exitCode) {
        if (!Files.isRegularFile(recording)) {
            return;
        }
        try {
            if (exitCode == 0) {
                Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                removeStale();
            } else {
                Files.delete(recording);
            }
        } catch (IOException e) {
            System.err.println("docker-health-monitor: could not keep the class archive " + archive + ": " + e);
        }
    }

    private void removeStale() throws IOException {
        String base = baseName(jar);
        try (DirectoryStream<Path> archives = Files.newDirectoryStream(archive.getParent(),
                other -> other.getFileName().toString().matches(Pattern.quote(base) + "-[0-9a-f]{12}\\.jsa")
                        && !other.equals(archive))) {
            for (Path other : archives) {
                Files.deleteIfExists(other);
            }
        }
    }

    private static String baseName(Path jar) {
        String name = jar.getFileName().toString();
        return name.substring(0, name.length() - ".jar".length());
    }
}
