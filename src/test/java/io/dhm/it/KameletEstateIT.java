package io.dhm.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/camel-estate, run exactly as its README says (the command is read from the README, in the folder it says)
 * as a process of its own against the sandbox engine: another Camel Main application using the jar's Kamelets sees a
 * test container go healthy → unhealthy, and is told it is still unhealthy after the wait, while a container that
 * comes back within the wait is not.
 */
class KameletEstateIT {

    static final Path EXAMPLE = Path.of("examples", "camel-estate").toAbsolutePath();
    static final int WAIT_SECONDS = 8;
    private static final Pattern TRANSITION = Pattern.compile("transition (\\{.*})");

    static SandboxEngine engine;
    static Process estate;
    static Path output;
    static String web;
    static String webId;
    static String blip;
    static String blipId;

    /** The command the README gives, word by word, with `java` being this JVM. */
    static List<String> readmeCommand() throws IOException {
        String readme = Files.readString(EXAMPLE.resolve("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("cd examples/camel-estate\n"), "the README no longer runs it from examples/camel-estate");
        Matcher line = Pattern.compile("(?m)^java -cp .*$").matcher(readme);
        assertTrue(line.find(), "no `java -cp ...` line in " + EXAMPLE.resolve("README.md"));
        List<String> command = new ArrayList<>(List.of(line.group().trim().split("\\s+")));
        command.set(0, ProcessHandle.current().info().command().orElse("java"));
        return command;
    }

    @BeforeAll
    static void startEstate() throws Exception {
        assertTrue(Files.isRegularFile(MonitorProcess.JAR), "build the jar first: " + MonitorProcess.JAR);
        engine = new SandboxEngine();
        engine.removeTestContainers();
        // both are healthy before the example starts, so its first poll (the baseline) knows them as healthy
        web = SandboxEngine.unique("estate-web");
        webId = engine.startMonitored(web);
        blip = SandboxEngine.unique("estate-blip");
        blipId = engine.startMonitored(blip);

        output = Path.of("target", "it-logs", "KameletEstateIT.log").toAbsolutePath();
        Files.createDirectories(output.getParent());
        ProcessBuilder builder = new ProcessBuilder(readmeCommand())
                .directory(EXAMPLE.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("DOCKER_HOST", engine.dockerHost);
        // the README's overrides, so the test takes seconds, not minutes
        builder.environment().put("ESTATE_POLL_SECONDS", "1");
        builder.environment().put("ESTATE_WAIT_SECONDS", String.valueOf(WAIT_SECONDS));
        estate = builder.start();
        awaitOutput("docker-health-source: watching", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopEstate() throws Exception {
        if (estate != null && estate.isAlive()) {
            estate.destroy();
            if (!estate.waitFor(15, TimeUnit.SECONDS)) {
                estate.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (engine != null) {
            engine.removeTestContainers();
        }
    }

    static String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitOutput(String text, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                .failFast("the example exited; see " + output, () -> !estate.isAlive())
                .until(() -> output().contains(text));
    }

    /** Every transition the example logged for a container, parsed from its JSON. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> transitionsOf(String container) throws IOException {
        List<Map<String, Object>> found = new ArrayList<>();
        Matcher json = TRANSITION.matcher(output());
        ObjectMapper mapper = new ObjectMapper();
        while (json.find()) {
            Map<String, Object> transition = mapper.readValue(json.group(1), Map.class);
            if (container.equals(transition.get("container"))) {
                found.add(transition);
            }
        }
        return found;
    }

    @Test
    void theExampleSeesATestContainerTurnUnhealthyAndConfirmsItAfterTheWait() throws Exception {
        engine.makeUnhealthy(blipId);
        engine.makeUnhealthy(webId);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .failFast("the example exited; see " + output, () -> !estate.isAlive())
                .until(() -> !transitionsOf(blip).isEmpty() && !transitionsOf(web).isEmpty());
        engine.makeHealthy(blipId); // back well within the wait: no confirmation for it

        Map<String, Object> broke = transitionsOf(web).get(0);
        assertEquals("healthy", broke.get("from"), () -> "transition: " + broke);
        assertEquals("unhealthy", broke.get("to"), () -> "transition: " + broke);
        assertEquals("UNHEALTHY", broke.get("change"));
        assertEquals(webId, broke.get("id"));
        assertEquals("standalone", broke.get("project"));

        // (the line goes on with "(healthy → unhealthy at <at>)"; the arrow is left out of the match, as the console's
        // charset is the machine's)
        awaitOutput("still unhealthy after " + WAIT_SECONDS + " s: " + web + " [standalone] (",
                Duration.ofSeconds(WAIT_SECONDS + 20L));
        assertTrue(output().contains(" unhealthy at " + broke.get("at") + ")"), () -> "no confirmation of " + broke);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> transitionsOf(blip).size() >= 2);
        List<Map<String, Object>> blips = transitionsOf(blip);
        assertEquals(List.of("unhealthy", "healthy"), blips.stream().map(t -> t.get("to")).toList(), () -> "blip: " + blips);
        assertEquals("RETURNED", blips.get(1).get("change"));
        // the wait has passed since blip's trouble began (web's confirmation came after it): blip was never confirmed
        Thread.sleep(TimeUnit.SECONDS.toMillis(2));
        assertFalse(output().contains(": " + blip + " ["), () -> "blip was confirmed:\n" + output());
        assertFalse(output().contains(" ERROR "), () -> "the example logged an error:\n" + output());
        assertTrue(estate.isAlive(), "the example stopped");
    }
}
