package io.dhm.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two commands of examples/camel-estate/README.md, run as written in the folder it names: the `mvn` line that
 * writes the estate's classpath, and the `java` line that runs it with this JVM's java.
 */
final class EstateReadme {

    private final Path folder;
    private final String mvnLine;
    private final String javaLine;

    private EstateReadme(Path folder, String mvnLine, String javaLine) {
        this.folder = folder;
        this.mvnLine = mvnLine;
        this.javaLine = javaLine;
    }

    static EstateReadme read(Path folder) throws IOException {
        String readme = Files.readString(folder.resolve("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("cd examples/camel-estate\n"), "the README no longer runs it from examples/camel-estate");
        return new EstateReadme(folder, line(readme, "mvn -B -q dependency:build-classpath "), line(readme, "java -cp "));
    }

    private static String line(String readme, String start) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(start) + ".*$").matcher(readme);
        assertTrue(line.find(), "no `" + start + "...` line in the README");
        return line.group().trim();
    }

    /** The `mvn` line for one Camel version, by the Maven running this build (maven.home), with its local repository. */
    void resolveClasspath(String camelVersion) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(mvnLine.split("\\s+")));
        command.set(0, Path.of(System.getProperty("maven.home", "/usr/share/maven"), "bin", "mvn").toString());
        command.add("-Dcamel.version=" + camelVersion);
        String repository = System.getProperty("maven.repo.local", "");
        if (!repository.isEmpty()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        Path log = Path.of("target", "it-logs", "KameletEstateIT-mvn-" + camelVersion + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process mvn = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!mvn.waitFor(5, TimeUnit.MINUTES)) {
            mvn.destroyForcibly();
        }
        assertEquals(0, mvn.exitValue(), () -> String.join(" ", command) + " failed; see " + log);
    }

    /**
     * The `java` line, through bash for its $(cat ...), with the estate's poll and wait shortened, the sandbox engine
     * as DOCKER_HOST and {@code more} files (a Pipe, routes) loaded beside the routes; returns once each of the
     * {@code sources} Kamelet sources has made its first poll.
     */
    EstateProcess start(Path log, String dockerHost, List<Path> more, int waitSeconds, int sources) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        assertTrue(javaLine.startsWith("java "), javaLine);
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "exec '" + java + "'" + javaLine.substring("java".length()))
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("DOCKER_HOST", dockerHost);
        builder.environment().put("ESTATE_POLL_SECONDS", "1");
        builder.environment().put("ESTATE_WAIT_SECONDS", String.valueOf(waitSeconds));
        StringBuilder routes = new StringBuilder("file:routes/*.yaml");
        more.forEach(file -> routes.append(",file:").append(file));
        builder.environment().put("CAMEL_MAIN_ROUTESINCLUDEPATTERN", routes.toString());
        return EstateProcess.started(builder.start(), log, sources);
    }
}
