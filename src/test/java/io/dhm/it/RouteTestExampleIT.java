package io.dhm.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's test of their copy of a route, without the monitor's sources, as docs/camel-users.md ("Testing a route you
 * changed") says: the doc's first shell block of that section, as written, in a folder laid out as the doc describes
 * (this build's docker-health-monitor.jar and docker-health-monitor-tests.jar, and a copy of examples/route-test
 * beside them as route-test/). Its mvn is this build's Maven (maven.home), run offline on this build's local
 * repository: the copy's .mvn/maven.config gives {@code -o -Dmaven.repo.local=...}, which Maven adds to every command
 * of the block. The jars are installed into that repository as io.dhm:docker-health-monitor (what a user's
 * {@code mvn install} of this project does too); everything else the example needs, this build has resolved already.
 */
class RouteTestExampleIT {

    static final Path EXAMPLE = Path.of("examples", "route-test").toAbsolutePath();
    static final Path DOC = Path.of("docs", "camel-users.md").toAbsolutePath();
    static final List<Path> JARS = List.of(Path.of("target", "docker-health-monitor.jar").toAbsolutePath(),
            Path.of("target", "docker-health-monitor-tests.jar").toAbsolutePath());
    static final String EXAMPLE_TEST = "com.example.routes.ChannelSmtpRouteTest";

    static String block;

    @BeforeAll
    static void readTheDoc() throws IOException {
        JARS.forEach(jar -> assertTrue(Files.isRegularFile(jar), "build the jars first (mvn package): " + jar));
        block = firstShellBlock(Files.readString(DOC, StandardCharsets.UTF_8), "## Testing a route you changed");
        assertTrue(block.startsWith("cd route-test\n"), "the doc's block no longer starts in route-test:\n" + block);
    }

    @Test
    void theDocsCommandsRunTheExampleTestAgainstTheUsersCopyOfTheRoute() throws Exception {
        Path folder = userFolder("with-copy");
        assertEquals(0, run(folder), () -> "the doc's commands failed; see " + log(folder));
        assertEquals(-1, Files.mismatch(JARS.get(1), installedTestsJar()), "not this build's tests jar that was installed");
        String report = Files.readString(report(folder));
        assertTrue(report.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), report);
    }

    /** The example's test proves the copy took effect: with no copy in routes/ the bundled route sends, and it fails. */
    @Test
    void withoutTheUsersCopyTheExampleTestFails() throws Exception {
        Path folder = userFolder("without-copy");
        Files.delete(folder.resolve("route-test").resolve("routes").resolve("deliver-smtp.camel.yaml"));
        assertNotEquals(0, run(folder), () -> "the example's test passed without the copy; see " + log(folder));
        String report = Files.readString(report(folder));
        assertTrue(report.contains("Expected: <[production] CRITICAL: [shop] shop-web-1 - Health Status Changed> "
                + "but was: <CRITICAL: [shop] shop-web-1 - Health Status Changed>"), report);
    }

    /** The first ```bash block after the heading, without its fences. */
    static String firstShellBlock(String doc, String heading) {
        int section = doc.indexOf("\n" + heading + "\n");
        assertTrue(section >= 0, "no section " + heading + " in " + DOC);
        Matcher block = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertTrue(block.find(section), "no bash block in " + heading);
        return block.group(1);
    }

    /**
     * The folder a user runs the monitor from, as the doc lays it out: the two jars, and the example project as
     * route-test/ (what a build or run of it left in examples/ is not copied), with this build's Maven settings.
     */
    static Path userFolder(String name) throws IOException {
        Path folder = Path.of("target", "it-work", "RouteTestExampleIT", name).toAbsolutePath();
        if (Files.exists(folder)) {
            try (Stream<Path> old = Files.walk(folder)) {
                for (Path file : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Path project = folder.resolve("route-test");
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path file : files.filter(file -> !isBuildOutput(EXAMPLE.relativize(file))).toList()) {
                Path copy = project.resolve(EXAMPLE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        for (Path jar : JARS) {
            Files.copy(jar, folder.resolve(jar.getFileName()));
        }
        String repository = System.getProperty("maven.repo.local", "");
        Files.createDirectories(project.resolve(".mvn"));
        Files.writeString(project.resolve(".mvn").resolve("maven.config"),
                "-o\n" + (repository.isEmpty() ? "" : "-Dmaven.repo.local=" + repository + "\n"), StandardCharsets.UTF_8);
        return folder;
    }

    private static boolean isBuildOutput(Path relative) {
        String first = relative.getName(0).toString();
        return first.equals("target") || first.equals("logs");
    }

    /** The doc's block, by bash in {@code folder}, with this build's mvn first on the PATH: its exit code. */
    static int run(Path folder) throws IOException, InterruptedException {
        Path log = log(folder);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", block).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        String mavenBin = Path.of(System.getProperty("maven.home", "/usr/share/maven"), "bin").toString();
        builder.environment().merge("PATH", mavenBin, (path, maven) -> maven + ":" + path);
        Process bash = builder.start();
        if (!bash.waitFor(10, TimeUnit.MINUTES)) {
            bash.destroyForcibly();
            throw new AssertionError("the doc's commands did not end within 10 minutes; see " + log);
        }
        return bash.exitValue();
    }

    static Path log(Path folder) {
        return Path.of("target", "it-logs", "RouteTestExampleIT-" + folder.getFileName() + ".log").toAbsolutePath();
    }

    /** The tests jar the commands installed into the local repository, as the example's pom names it. */
    static Path installedTestsJar() throws IOException {
        Matcher version = Pattern.compile("<dhm.version>(.+)</dhm.version>")
                .matcher(Files.readString(EXAMPLE.resolve("pom.xml"), StandardCharsets.UTF_8));
        assertTrue(version.find(), "no dhm.version in the example's pom.xml");
        String repository = System.getProperty("maven.repo.local", "");
        Path root = repository.isEmpty() ? Path.of(System.getProperty("user.home"), ".m2", "repository") : Path.of(repository);
        return root.resolve(Path.of("io", "dhm", "docker-health-monitor", version.group(1),
                "docker-health-monitor-" + version.group(1) + "-tests.jar"));
    }

    private static Path report(Path folder) {
        Path report = folder.resolve("route-test").resolve("target").resolve("surefire-reports").resolve(EXAMPLE_TEST + ".txt");
        assertTrue(Files.isRegularFile(report), "the example's test did not run: no " + report);
        return report;
    }
}
