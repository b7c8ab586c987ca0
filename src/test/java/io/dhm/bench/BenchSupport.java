package io.dhm.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmarks share: the engine they run on, a docker-java client for it, the machine line, percentiles,
 * quiet logging, a `docker exec`, the wall clock the engine stamps its events with.
 */
final class BenchSupport {

    /** Every container a benchmark creates carries this label set to true, so that it can be found and removed. */
    static final String LABEL = "io.dhm.bench";
    /** The busybox image scripts/sandbox-engine.sh builds. */
    static final String IMAGE = "dhm/busybox:test";

    private BenchSupport() {
    }

    /** A benchmark's clean-up. */
    interface CleanUp {
        void run() throws Exception;
    }

    /**
     * Runs a benchmark's {@code body}, then its {@code cleanUp} whatever happened, and ends the JVM with the code the
     * body returned, or 1 when it or the clean-up threw (the stack trace on stderr). The JVM leaves without waiting for
     * docker-java's stream threads, which are not all daemons.
     */
    static void runAndExit(Callable<Integer> body, CleanUp cleanUp) {
        int exit;
        try {
            exit = body.call();
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        }
        try {
            cleanUp.run();
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    /** DOCKER_HOST, which the benchmark scripts set from scripts/sandbox-engine.sh; exits if it is missing. */
    static String dockerHost(String script) {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost == null || dockerHost.isBlank()) {
            System.err.println("DOCKER_HOST is not set; run " + script + ", which starts the sandbox engine and sets it");
            System.exit(2);
        }
        return dockerHost;
    }

    /**
     * A client with the dependency-free transport. {@code responseTimeout} null means none, for an event stream,
     * which may be silent for longer than any request would be.
     */
    static DockerClient dockerClient(String dockerHost, int maxConnections, Duration responseTimeout) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
        ZerodepDockerHttpClient.Builder http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).maxConnections(maxConnections);
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return DockerClientImpl.getInstance(config, http.build());
    }

    /** CPU, cores, memory, Docker and Java versions and the load, for the README next to the figures. */
    static String machineLine(DockerClient client) throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst().orElse("?");
        double ramGiB = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElse(0) / 1024.0 / 1024.0;
        Info info = client.infoCmd().exec();
        Version version = client.versionCmd().exec();
        return String.format("Machine: nproc %d, CPU %s, RAM %.1f GiB, Docker server %s (API %s, storage %s), Java %s, "
                        + "load average %s at start",
                Runtime.getRuntime().availableProcessors(), cpu, ramGiB, version.getVersion(), version.getApiVersion(),
                info.getDriver(), System.getProperty("java.version"), loadAverage());
    }

    /** 1-minute load average: the host may be shared (other builds, the integration tests' engine). */
    static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** Nearest-rank percentile (sorts a copy); 0 is the min, 100 the max. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    static double median(double[] values) {
        return percentile(values, 50);
    }

    /** Log only warnings, to stderr, and write no logs/monitor.log into the working directory. */
    static void quietLogging() {
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.add(b.newAppender("stderr", "Console").addAttribute("target", "SYSTEM_ERR")
                .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d{HH:mm:ss.SSS} %-5level %c{1} - %msg%n")));
        b.add(b.newRootLogger(Level.WARN).add(b.newAppenderRef("stderr")));
        Configurator.initialize(b.build());
    }

    /**
     * Runs a command in a container and waits for it: generously, since an engine running a thousand containers'
     * healthchecks queues execs. A round's figures count from the engine's event, not from this call.
     */
    static void exec(DockerClient client, String id, String... command) throws InterruptedException {
        String execId = client.execCreateCmd(id).withCmd(command).exec().getId();
        if (!client.execStartCmd(execId).exec(new ResultCallback.Adapter<>()).awaitCompletion(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("exec " + String.join(" ", command) + " did not finish");
        }
    }

    /** The engine stamps events with the wall clock; the same clock (same host) lets its times and ours line up. */
    static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
