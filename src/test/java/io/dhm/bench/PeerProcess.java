package io.dhm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A peer healer for comparison: docker-autoheal's entrypoint script, which the user fetches and names with
 * {@code --peer}, run as {@code bash <script> autoheal} against the sandbox engine's socket, with its documented
 * variables: the containers labelled autoheal=true, a 5 s interval (its default), no start period. It polls the engine
 * (curl and jq) and restarts each unhealthy container it finds. Its output goes to peer.log in a temporary directory.
 */
final class PeerProcess implements AutoCloseable {

    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final Process process;
    private final Path log;

    private PeerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts it on the engine at {@code dockerHost}, which must be a unix socket (unix:///path). */
    static PeerProcess start(Path script, String dockerHost) throws IOException, InterruptedException {
        if (!dockerHost.startsWith("unix://")) {
            throw new IllegalArgumentException("the peer is run on the sandbox engine's unix socket, not " + dockerHost);
        }
        Path log = Files.createTempDirectory("dhm-bench-peer-").resolve("peer.log");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "autoheal")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> !List.of("PATH", "HOME", "LANG", "TZ").contains(name)); // none of the shell's
        env.put("DOCKER_SOCK", dockerHost.substring("unix://".length()));
        env.put("AUTOHEAL_CONTAINER_LABEL", "autoheal");
        env.put("AUTOHEAL_INTERVAL", "5");
        env.put("AUTOHEAL_START_PERIOD", "0");
        System.err.println("  peer: bash " + script + " autoheal, DOCKER_SOCK=" + env.get("DOCKER_SOCK") + ", log " + log);
        PeerProcess peer = new PeerProcess(builder.start(), log);
        peer.awaitLooping();
        return peer;
    }

    /** Until it has printed its settings, which it does just before its loop; a bad script fails here. */
    private void awaitLooping() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!output().contains("AUTOHEAL_INTERVAL=")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the peer did not start; its output:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** SIGTERM to the script, then SIGKILL to it and its children (the `sleep` of its interval) if still there. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
