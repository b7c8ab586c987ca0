package io.dhm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark, not a test (the name keeps surefire and failsafe away): what the Camel CLI connector
 * (CLI_CONNECTOR_ENABLED) costs the monitor. The packaged jar run as the README runs it ({@link MonitorProcess}), on
 * the sandbox engine named by DOCKER_HOST with whatever containers it has, three times: the connector off; on and at
 * rest (no CLI has read its status); on while a CLI polls it (scripts/camel get route once, then the status file read
 * every 5 s, as each `camel get` reads it). Each settles {@link PoolBenchmark#SETTLE}, then the monitor's CPU is read
 * over {@link PoolBenchmark#WINDOW} and given per 30 s, with the host's load average, as other processes on a 2-core
 * host slow the monitor's threads. Run it with scripts/benchmark.sh --cli-connector [--jar PATH].
 */
public final class CliConnectorBenchmark {

    private static final Duration READ_EVERY = Duration.ofSeconds(5);

    private final String dockerHost;
    private final Path jar;

    private CliConnectorBenchmark(String dockerHost, Path jar) {
        this.dockerHost = dockerHost;
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        BenchSupport.quietLogging();
        String dockerHost = BenchSupport.dockerHost("scripts/benchmark.sh --cli-connector");
        Path jar = Path.of("target", "docker-health-monitor.jar").toAbsolutePath();
        if (args.length == 2 && args[0].equals("--jar")) {
            jar = Path.of(args[1]).toAbsolutePath();
        } else if (args.length != 0) {
            System.err.println("usage: scripts/benchmark.sh --cli-connector [--jar PATH]");
            System.exit(2);
        }
        CliConnectorBenchmark bench = new CliConnectorBenchmark(dockerHost, jar);
        String machine = BenchSupport.machineLine(BenchSupport.dockerClient(dockerHost, 2, Duration.ofSeconds(60)));
        String off = bench.run("off", "0", false);
        String atRest = bench.run("on, at rest", "1", false);
        String polled = bench.run("on, a CLI polling", "1", true);
        System.out.println();
        System.out.println(machine);
        System.out.println("CLI connector: the monitor's CPU per 30 s (" + PoolBenchmark.WINDOW.toSeconds() + " s window after "
                + PoolBenchmark.SETTLE.toSeconds() + " s settling), " + jar.getFileName());
        System.out.println(off);
        System.out.println(atRest);
        System.out.println(polled);
        System.exit(0); // docker-java's threads are not all daemons
    }

    /** One run; its line of the table. */
    private String run(String name, String enabled, boolean polled) throws Exception {
        System.err.println("== connector " + name);
        Map<String, String> environment = Map.of("DOCKER_HOST", dockerHost, "SMTP_HOST", "127.0.0.1",
                "HEALTH_CHECK_ALERT_EMAILS", "ops@bench.example", "CLI_CONNECTOR_ENABLED", enabled);
        try (MonitorProcess monitor = MonitorProcess.start(jar, "cli-" + enabled, environment)) {
            monitor.awaitLog("Watching ", Duration.ofSeconds(120), PoolBenchmark.LOG_POLL);
            PoolBenchmark.sleepAlive(monitor, PoolBenchmark.SETTLE);
            Optional<Path> status = polled ? Optional.of(statusFile(monitor)) : Optional.empty();
            if (polled) {
                cliSees();
            }
            String load = BenchSupport.loadAverage();
            long ticks0 = monitor.cpuTicks();
            long t0 = System.nanoTime();
            long end = t0 + PoolBenchmark.WINDOW.toNanos();
            while (System.nanoTime() < end) {
                if (status.isPresent()) {
                    Files.readAllBytes(status.get()); // as `camel get` reads it
                }
                PoolBenchmark.sleepAlive(monitor, READ_EVERY);
            }
            double perThirty = PoolBenchmark.per30(monitor.cpuTicks() - ticks0, (System.nanoTime() - t0) / 1e9);
            String line = String.format("  %-20s %6.2f s  (load average %s at the window's start, %s at its end)", name,
                    perThirty, load, BenchSupport.loadAverage());
            System.err.println(line);
            return line;
        }
    }

    /** The status file of the monitor's JVM (the jar's first JVM relaunches it as a child) in ~/.camel. */
    private static Path statusFile(MonitorProcess monitor) {
        Path folder = Path.of(System.getProperty("user.home"), ".camel");
        return ProcessTree.withDescendants(monitor.pid()).stream().map(pid -> folder.resolve(pid + "-status.json"))
                .filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("no status file of the monitor in " + folder));
    }

    /** scripts/camel get route, which must list the monitor (its first read puts the connector in use). */
    private static void cliSees() throws IOException, InterruptedException {
        Process cli = new ProcessBuilder("bash", "scripts/camel", "get", "route").redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cli.waitFor(120, TimeUnit.SECONDS) || !output.contains("docker-health-monitor")) {
            throw new IllegalStateException("camel get route did not list the monitor:\n" + output);
        }
    }
}
