package io.dhm.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A Playwright script of src/test/browser run with node against Debian's Chromium: scripts/browser-tools.sh installs
 * what is missing, and a missing Node.js fails the test, it does not skip it.
 */
final class BrowserScript {

    private final Path spec;
    private final String playwright;

    private BrowserScript(Path spec, String playwright) {
        this.spec = spec;
        this.playwright = playwright;
    }

    /** Runs scripts/browser-tools.sh (installs what is missing) for the script src/test/browser/{@code name}. */
    static BrowserScript of(String name) throws IOException, InterruptedException {
        Process script = new ProcessBuilder("bash", "scripts/browser-tools.sh")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(script.waitFor(15, TimeUnit.MINUTES), "scripts/browser-tools.sh did not finish");
        assertEquals(0, script.exitValue(), "scripts/browser-tools.sh failed (the browser tests need Node.js, npm, "
                + "Debian's chromium and playwright-core; its reason is in the output above)");
        return new BrowserScript(Path.of("src", "test", "browser", name).toAbsolutePath(),
                out.lines().reduce((first, second) -> second).orElseThrow());
    }

    /**
     * One run of the script (with {@code step} as its argument, when not empty), which must exit 0 within 3 minutes;
     * its output is printed and kept under target/it-logs as {@code logName}.log.
     */
    void run(String logName, String step, Map<String, String> environment) throws IOException, InterruptedException {
        Path log = Path.of("target", "it-logs", logName + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = (step.isEmpty() ? new ProcessBuilder("node", spec.toString())
                : new ProcessBuilder("node", spec.toString(), step))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = new HashMap<>(environment);
        env.put("DHM_PLAYWRIGHT", playwright);
        builder.environment().putAll(env);
        Process node;
        try {
            node = builder.start();
        } catch (IOException e) {
            fail("node could not be started: the browser tests need Node.js on PATH (" + e.getMessage() + ")");
            return;
        }
        boolean finished = node.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("--- " + logName + " ---\n" + out);
        assertTrue(finished, "browser script " + logName + " did not finish in 3 minutes:\n" + out);
        assertEquals(0, node.exitValue(), "browser script " + logName + " failed:\n" + out);
    }
}
