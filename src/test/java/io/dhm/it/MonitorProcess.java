package io.dhm.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** The packaged jar, run as an operator runs it: `java -jar` in a working directory of its own. */
final class MonitorProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "docker-health-monitor.jar").toAbsolutePath();
    /** Variables of the monitor that must not leak in from the developer's shell. */
    private static final List<String> OWN_VARIABLES = List.of("SMTP_HOST", "SMTP_PORT", "SMTP_USER", "SMTP_PASS",
            "SENDER_EMAIL", "HEALTH_CHECK_ALERT_EMAILS", "SERVER_NAME", "HEALTH_CHECK_INTERVAL_SEC",
            "WAIT_AND_CHECK_AGAIN_MIN", "HEALTH_CHECK_LOG_LINES", "CONTAINER_ALERT_ROUTING", "DOCKER_TLS_VERIFY",
            "DOCKER_CERT_PATH", "OUTBOX_DIR", "DATA_DIR", "EMAIL_TRANSPORT", "WEBHOOK_URLS", "WEBHOOK_HEADERS",
            "ALERT_GROUP_WAIT_SEC", "ALERT_REPEAT_INTERVAL_MIN", "ALERT_COOLDOWN_SEC", "OUTBOX_JDBC_URL", "AWS_ENDPOINT_URL",
            "AWS_ENDPOINT_URL_SES", "AWS_REGION", "AUTOHEAL_ENABLED", "AUTOHEAL_CONTAINER_LABEL", "AUTOHEAL_MODE",
            "AUTOHEAL_WAIT_SEC", "AUTOHEAL_MAX_RESTARTS", "CUSTOM_CHECKS", "LOG_PATTERN", "RESTART_LOOP_COUNT", "HTTP_HOST",
            "HTTP_PORT", "API_TOKEN", "FLAPPING_COUNT", "FLAPPING_WINDOW_MIN", "API_PUBLIC_URL", "ACK_LINK_TTL_HOURS",
            "ACK_LINK_SECRET", "CLUSTER_ZOOKEEPER", "CLUSTER_SESSION_TIMEOUT_SEC", "OUTBOX_JDBC_USER", "OUTBOX_JDBC_PASSWORD",
            "DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD",
            "HEARTBEAT_URL", "HEARTBEAT_INTERVAL_SEC", "OTEL_EXPORTER_OTLP_ENDPOINT");

    final Path workDir;
    private final Process process;
    private final Path output;
    private final int httpPort;

    private MonitorProcess(Path workDir, Process process, Path output, int httpPort) {
        this.workDir = workDir;
        this.process = process;
        this.output = output;
        this.httpPort = httpPort;
    }

    static MonitorProcess start(Path workDir, Map<String, String> environment, String... args) throws IOException {
        return start(workDir, environment, List.of(), args);
    }

    /** @param jvmArgs options for the JVM itself, before -jar (e.g. -Dcom.sun.management.jmxremote.port=...) */
    static MonitorProcess start(Path workDir, Map<String, String> environment, List<String> jvmArgs, String... args)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path output = workDir.resolve("console.log");
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        OWN_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().put("ALERT_GROUP_WAIT_SEC", "0"); // one alert, one message, unless a test groups
        builder.environment().put("HTTP_PORT", String.valueOf(freePort())); // monitors of parallel runs must not collide
        builder.environment().putAll(environment);
        int httpPort = Integer.parseInt(builder.environment().get("HTTP_PORT"));
        return new MonitorProcess(workDir, builder.start(), output, httpPort);
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts and waits until the event stream is connected and the first poll has seen every container. */
    static MonitorProcess started(Path workDir, Map<String, String> environment) throws IOException {
        return started(workDir, environment, List.of());
    }

    static MonitorProcess started(Path workDir, Map<String, String> environment, List<String> jvmArgs) throws IOException {
        MonitorProcess monitor = start(workDir, environment, jvmArgs);
        try {
            // generous: on a loaded 2-core machine (dozens of containers starting at once) a JVM start can take long
            monitor.awaitLog("Listening to container events", Duration.ofSeconds(120));
            monitor.awaitLog(" running containers", Duration.ofSeconds(60)); // "Watching N running containers ..."
            return monitor;
        } catch (RuntimeException notStarted) {
            // the caller's try-with-resources never gets it: stop it here, or it runs on beside the next tests
            String output = monitor.output();
            try {
                monitor.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("the monitor did not start in time; it printed:\n"
                    + output.substring(Math.max(0, output.length() - 4000)), notStarted);
        }
    }

    /** The port of the monitor's HTTP server (API, /observe/metrics, /observe/health) on 127.0.0.1. */
    int httpPort() {
        return httpPort;
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void awaitLog(String text, Duration timeout) {
        awaitLogMatching(Pattern.quote(text), timeout);
    }

    void awaitLogMatching(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                .failFast("the monitor exited", () -> !process.isAlive())
                .until(() -> pattern.matcher(output()).find());
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The monitor's own JVM when `java -jar` started one (io.dhm.launch.Launcher), else none. */
    java.util.Optional<ProcessHandle> launchedJvm() {
        return process.toHandle().children().filter(child -> child.info().arguments()
                .map(arguments -> List.of(arguments).contains("-Ddhm.launched=true")).orElse(false)).findFirst();
    }

    /** SIGKILL, as `kill -9` of the process `java -jar` started. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGKILL of the monitor's own JVM (the one `java -jar` launched) and of the launcher: a host that dies. */
    void killHard() throws InterruptedException {
        launchedJvm().ifPresent(ProcessHandle::destroyForcibly);
        kill();
    }

    /** SIGTERM, as `docker stop`, systemd and Ctrl+C send; returns the exit code, or -1 if it did not exit in time. */
    int terminate(Duration within) throws InterruptedException {
        process.destroy();
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    int awaitExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    String tail() {
        String all = output();
        return all.length() > 6000 ? all.substring(all.length() - 6000) : all;
    }

    /** Stops the monitor and keeps its console output under target/it-logs for whoever reads a failure. */
    @Override
    public void close() throws InterruptedException, IOException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Path kept = Path.of("target", "it-logs", workDir.getFileName() + ".log");
        Files.createDirectories(kept.getParent());
        Files.copy(output, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
