package io.dhm.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The route examples of docs/configuration.md ("Changing the routes without rebuilding", "Reloading while it runs"),
 * read from the doc and run as written against the jar: each bash block in a folder of the test's own, which stands
 * for the doc's /srv/dhm (with target/docker-health-monitor.jar in it), the `java -jar ... &` line started as a
 * monitor process with the variables the line sets, and every log line the doc shows after a block awaited in the
 * monitor's output.
 */
class ConfigurationReloadDocIT {

    private static final Path DOC = Path.of("docs", "configuration.md");
    /** The working directory of the doc's log lines. */
    private static final String DOC_DIR = "/srv/dhm";
    /** The doc's start of the monitor: variables, then the jar, in the background. */
    private static final Pattern START = Pattern.compile("(?m)^((?:[A-Z_]+=\\S+ )*)java -jar target/docker-health-monitor\\.jar &$");
    private static final Pattern BLOCK = Pattern.compile("(?s)```(\\w*)\\n(.*?)```");

    static SandboxEngine engine;

    @TempDir
    Path workDir;

    private MonitorProcess monitor;

    @BeforeAll
    static void engine() {
        engine = new SandboxEngine();
    }

    @AfterAll
    static void cleanUp() {
        engine.removeTestContainers();
    }

    /** A fenced block of the doc: its language ("bash", or none for a log excerpt) and its text. */
    private record Block(String language, String text) {
    }

    /** The fenced blocks of the doc from a heading to the next heading, in order. */
    private static List<Block> blocks(String heading) throws Exception {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "no heading " + heading + " in " + DOC);
        int end = doc.indexOf("\n#", start + heading.length() + 2);
        Matcher block = BLOCK.matcher(doc.substring(start, end < 0 ? doc.length() : end));
        List<Block> blocks = new ArrayList<>();
        while (block.find()) {
            blocks.add(new Block(block.group(1), block.group(2)));
        }
        return blocks;
    }

    /** Runs a bash block in the working folder; its `java -jar ... &` line starts the monitor (once the files before it are there). */
    private void run(Block commands, Map<String, String> testEnvironment) throws Exception {
        assertEquals("bash", commands.language(), commands.text());
        Matcher start = START.matcher(commands.text());
        if (!start.find()) {
            bash(commands.text());
            return;
        }
        bash(commands.text().substring(0, start.start()));
        Map<String, String> environment = new HashMap<>(testEnvironment);
        for (String variable : start.group(1).trim().split(" ")) {
            if (!variable.isEmpty()) {
                environment.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
            }
        }
        monitor = MonitorProcess.started(workDir, environment);
        if (environment.containsKey("ROUTES_RELOAD")) {
            monitor.awaitLog("Routes: reloading a file of " + workDir.resolve("routes"), Duration.ofSeconds(10));
        }
        bash(commands.text().substring(start.end()));
    }

    private void bash(String script) throws Exception {
        if (script.isBlank()) {
            return;
        }
        Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(workDir.toFile())
                .redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes());
        assertTrue(bash.waitFor(60, TimeUnit.SECONDS), script);
        assertEquals(0, bash.exitValue(), script + "\n" + output);
    }

    /** A log line of the doc as a pattern: `Logger - message`, its /srv/dhm this folder, its "..." anything. */
    private Pattern logLine(String line) {
        int dash = line.indexOf(" - ");
        String message = line.substring(dash + 3).replace(DOC_DIR, workDir.toString());
        return Pattern.compile(Pattern.quote(line.substring(0, dash)) + "\\s+- "
                + String.join(".*", Stream.of(message.split("\\.\\.\\.", -1)).map(Pattern::quote).toList()));
    }

    private long count(Pattern pattern) {
        return pattern.matcher(monitor == null ? "" : monitor.output()).results().count();
    }

    /** Runs the commands, then waits for each line of the log excerpt to be logged once more than before. */
    private void runAndExpect(Block commands, Block log, Map<String, String> testEnvironment) throws Exception {
        assertEquals("", log.language(), log.text());
        List<Pattern> lines = log.text().lines().map(this::logLine).toList();
        Map<Pattern, Long> before = new HashMap<>();
        lines.forEach(line -> before.put(line, count(line)));
        run(commands, testEnvironment);
        for (Pattern line : lines) {
            await().atMost(Duration.ofSeconds(30)).failFast("the monitor exited", () -> !monitor.alive())
                    .until(() -> count(line) > before.get(line));
        }
    }

    private void prepareFolder() throws Exception {
        Files.createDirectories(workDir.resolve("target"));
        Files.createSymbolicLink(workDir.resolve("target/docker-health-monitor.jar"), MonitorProcess.JAR);
    }

    @Test
    void aRouteFileOfYoursReplacesTheBundledRouteAndAddsYourOwn() throws Exception {
        prepareFolder();
        List<Block> blocks = blocks("## Changing the routes without rebuilding");
        try {
            runAndExpect(blocks.get(0), blocks.get(1), Map.of("DOCKER_HOST", engine.dockerHost));
        } finally {
            if (monitor != null) {
                monitor.close();
            }
        }
    }

    @Test
    void theReloadExampleRunsAsWritten() throws Exception {
        prepareFolder();
        List<Block> blocks = blocks("### Reloading while it runs");
        assertEquals(List.of("bash", "", "bash", "", "bash", "", "bash", ""), blocks.stream().map(Block::language).toList());
        String doc = Files.readString(DOC);
        Matcher subject = Pattern.compile("the next mail's subject is `([^`]+)`").matcher(doc);
        assertTrue(subject.find(), "the doc's subject");
        String name = SandboxEngine.unique("reload-doc");
        String id = engine.startMonitored(name, Map.of("com.docker.compose.project", "shop"));
        try {
            runAndExpect(blocks.get(0), blocks.get(1), Map.of("DOCKER_HOST", engine.dockerHost,
                    "HEALTH_CHECK_INTERVAL_SEC", "1", "WAIT_AND_CHECK_AGAIN_MIN", "0.05"));
            runAndExpect(blocks.get(2), blocks.get(3), Map.of());

            engine.makeUnhealthy(id);
            String expected = "Subject: " + subject.group(1).replace("shop-web-1", name);
            Path outbox = workDir.resolve("outbox");
            await().atMost(Duration.ofSeconds(90)).until(() -> LifecycleIT.outboxFiles(outbox).stream().anyMatch(mail -> mail.contains(expected)));

            runAndExpect(blocks.get(4), blocks.get(5), Map.of());
            runAndExpect(blocks.get(6), blocks.get(7), Map.of());

            // each save once, however many events the watcher saw: the copy (a new file), the append, the typo
            // (refused) and the removal; no warning for a file being written
            Pattern reloaded = Pattern.compile("RouteReload\\s+- Routes: reloaded ");
            Pattern refused = Pattern.compile("RouteReload\\s+- Routes: .* not reloaded");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> count(reloaded) == 3 && count(refused) == 1);
            assertFalse(monitor.output().contains("Resource is empty"), monitor.tail());
            assertTrue(monitor.alive());
        } finally {
            if (monitor != null) {
                monitor.close();
            }
        }
    }
}
