package io.dhm.bench;

import io.dhm.config.SettingSources;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged jar run as the README runs it: {@code java -jar target/docker-health-monitor.jar}, no JVM option, in a
 * fresh temporary working directory (no .env, no application.properties, a new outbox and data directory), with the
 * given environment on top of the benchmark's own minus every variable the monitor reads. Its output goes to
 * console.log there. The jar's first JVM relaunches the monitor as a child JVM (io.dhm.launch.Launcher), so CPU and memory
 * are always read for the process and its descendants.
 */
final class MonitorProcess implements AutoCloseable {

    /**
     * Variables that must not leak in from the developer's shell: every setting of the bundled application.properties
     * (so the list cannot fall behind the settings), the launcher's switch, and the JVM's own option variables, any of
     * which would make the run differ from a plain {@code java -jar}.
     */
    static final List<String> OWN_VARIABLES = Stream.concat(
            SettingSources.defaults().stringPropertyNames().stream()
                    .filter(SettingSources::isSetting)
                    .map(SettingSources::variableName),
            Stream.of("DHM_LAUNCHER", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")).sorted().toList();
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final Process process;
    private final long launchedNanos;
    private final Path console;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MonitorProcess(Process process, long launchedNanos, Path console, int httpPort) {
        this.process = process;
        this.launchedNanos = launchedNanos;
        this.console = console;
        this.httpPort = httpPort;
    }

    /** Starts the jar with {@code environment} (which must hold DOCKER_HOST); HTTP_PORT is a free port unless given. */
    static MonitorProcess start(Path jar, String name, Map<String, String> environment) throws IOException {
        Path workDir = Files.createTempDirectory("dhm-bench-" + name + "-");
        Path console = workDir.resolve("console.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        OWN_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().put("HTTP_PORT", String.valueOf(freePort())); // 8080 may be someone else's
        builder.environment().putAll(environment);
        int httpPort = Integer.parseInt(builder.environment().get("HTTP_PORT"));
        System.err.println("  " + name + ": starting " + jar.getFileName() + " in " + workDir + " (console.log there), "
                + "HTTP port " + httpPort);
        long launched = System.nanoTime(); // the benchmark's clock for start-up figures starts here
        return new MonitorProcess(builder.start(), launched, console, httpPort);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** System.nanoTime() just before the process was started. */
    long launchedNanos() {
        return launchedNanos;
    }

    long pid() {
        return process.pid();
    }

    /** Polls console.log every {@code poll} until it holds {@code text}; returns System.nanoTime() when it was seen. */
    long awaitLog(String text, Duration timeout, Duration poll) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            checkAlive("logging '" + text + "'");
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the monitor did not log '" + text + "' within " + timeout);
            }
            Thread.sleep(poll.toMillis());
        }
        return System.nanoTime();
    }

    /** Polls GET /observe/health/ready every {@code poll} until it answers 200; returns System.nanoTime() then. */
    long awaitReady(Duration timeout, Duration poll) throws IOException, InterruptedException {
        // a status other than 200 (503 while a check is DOWN) is polled on like no answer at all
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readiness() != 200) {
            checkAlive("readiness UP");
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("readiness was not UP within " + timeout);
            }
            Thread.sleep(poll.toMillis());
        }
        return System.nanoTime();
    }

    /** The readiness status code, 0 while the server is not there yet (refused, or a connection cut as it starts). */
    private int readiness() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/observe/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return 0;
        }
    }

    /** utime + stime of the jar's process and its descendants, in clock ticks. */
    long cpuTicks() {
        return ProcessTree.treeTicks(process.pid());
    }

    /** VmRSS of the jar's process and its descendants, in MiB. */
    double rssMiB() {
        return ProcessTree.treeRssKiB(process.pid()) / 1024.0;
    }

    void checkAlive(String what) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the monitor exited (code " + process.exitValue() + ") before " + what
                    + "; its console.log ends:\n" + tail());
        }
    }

    String output() throws IOException {
        return Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
    }

    /** How often a text occurs in console.log. */
    int count(String text) throws IOException {
        String all = output();
        int n = 0;
        for (int at = all.indexOf(text); at >= 0; at = all.indexOf(text, at + 1)) {
            n++;
        }
        return n;
    }

    String tail() throws IOException {
        String all = output();
        return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
    }

    Path console() {
        return console;
    }

    /** SIGTERM, as Ctrl+C or systemd sends it (the first JVM passes it on); SIGKILL after 20 s without an exit. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            System.err.println("  the monitor had exited with code " + process.exitValue() + "; console: " + console);
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            System.err.println("  the monitor did not stop within " + STOP_WAIT + " of SIGTERM; SIGKILL");
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
