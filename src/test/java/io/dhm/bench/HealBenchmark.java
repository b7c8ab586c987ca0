package io.dhm.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Benchmark, not a test (the name keeps surefire and failsafe away): how long after the engine declares a container
 * unhealthy it is restarted, by docker-health-monitor's auto-heal (the packaged jar, run as a process as an operator
 * runs it) and by a 5-second poller doing what willfarrell/docker-autoheal does (AUTOHEAL_INTERVAL=5, its default).
 * Both are measured the same way on the engine named by DOCKER_HOST: from the engine's {@code health_status: unhealthy}
 * event to its first {@code kill} event of the container after it (the stop a restart begins with), both times read
 * from the engine's event stream ({@link Event#getTimeNano()}), so no clock of the benchmark is involved. Only one
 * healer runs at a time. Run it with scripts/heal-benchmark.sh.
 */
public final class HealBenchmark {

    private static final String IMAGE = "dhm/busybox:test";
    private static final String LABEL = "io.dhm.bench";
    private static final String NAME = "dhm-bench-heal";
    private static final int ROUNDS = 10;
    private static final int WARMUP_ROUNDS = 1; // per side, not counted: the first restart of a fresh JVM loads classes
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    private static final Duration POLLER_INTERVAL = Duration.ofSeconds(5); // docker-autoheal's AUTOHEAL_INTERVAL default
    private static final int POLLER_STOP_TIMEOUT = 10; // docker-autoheal's AUTOHEAL_DEFAULT_STOP_TIMEOUT
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration MONITOR_START = Duration.ofSeconds(90);
    /** Variables of the monitor that must not leak in from the developer's shell (plus every AUTOHEAL_*). */
    private static final List<String> OWN_VARIABLES = List.of("SMTP_HOST", "SMTP_PORT", "SMTP_USER", "SMTP_PASS",
            "SENDER_EMAIL", "HEALTH_CHECK_ALERT_EMAILS", "SERVER_NAME", "HEALTH_CHECK_INTERVAL_SEC",
            "WAIT_AND_CHECK_AGAIN_MIN", "HEALTH_CHECK_LOG_LINES", "CONTAINER_ALERT_ROUTING", "DOCKER_TLS_VERIFY",
            "DOCKER_CERT_PATH", "OUTBOX_DIR", "DATA_DIR", "EMAIL_TRANSPORT", "WEBHOOK_URLS", "WEBHOOK_HEADERS",
            "ALERT_GROUP_WAIT_SEC", "ALERT_REPEAT_INTERVAL_MIN", "ALERT_COOLDOWN_SEC", "OUTBOX_JDBC_URL", "AWS_ENDPOINT_URL",
            "AWS_ENDPOINT_URL_SES", "AWS_REGION", "CUSTOM_CHECKS", "LOG_PATTERN");
    /** The monitor's settings for this benchmark: heal on the engine's verdict, and never let the backoff grow. */
    private static final Map<String, String> MONITOR_ENV = orderedMap(
            "AUTOHEAL_ENABLED", "1",
            "AUTOHEAL_WAIT_SEC", "0",
            "AUTOHEAL_BACKOFF_INITIAL_SEC", "1",
            "AUTOHEAL_MAX_RESTARTS", "1000",
            "AUTOHEAL_BACKOFF_RESET_SEC", "0",
            "HEALTH_CHECK_INTERVAL_SEC", "30",
            "WAIT_AND_CHECK_AGAIN_MIN", "15");

    private final String dockerHost;
    private final Path jar;
    private final DockerClient client; // requests: create, exec, list, restart (the poller's too), remove
    private final DockerClient events; // the event stream only: no response timeout on a stream that may idle
    private final BlockingQueue<Event> seen = new LinkedBlockingQueue<>();
    private final AtomicReference<Throwable> streamError = new AtomicReference<>();
    private String probe;

    private HealBenchmark(String dockerHost, Path jar) {
        this.dockerHost = dockerHost;
        this.jar = jar;
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
        client = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).maxConnections(8).responseTimeout(Duration.ofSeconds(60)).build());
        events = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).maxConnections(2).build());
    }

    public static void main(String[] args) throws Exception {
        BenchSupport.quietLogging();
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost == null || dockerHost.isBlank()) {
            System.err.println("DOCKER_HOST is not set; run scripts/heal-benchmark.sh, which starts the sandbox engine and sets it");
            System.exit(2);
        }
        Path jar = Path.of(args.length > 0 ? args[0] : "target/docker-health-monitor.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            System.err.println(jar + " does not exist; build it with `mvn -B -q package -DskipTests`");
            System.exit(2);
        }
        HealBenchmark bench = new HealBenchmark(dockerHost, jar);
        int exit = 0;
        try {
            bench.run();
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            bench.removeBenchContainers();
            bench.close();
        }
        // docker-java's stream threads are not all daemons; leave without waiting for them
        System.exit(exit);
    }

    private void run() throws Exception {
        String machine = BenchSupport.machineLine(client);
        removeBenchContainers(); // a leftover probe of an interrupted run would be healed too
        long[] delays = faultDelays();

        Closeable stream = events.eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(Map.of(LABEL, "true"))
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        seen.add(event);
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        streamError.set(throwable);
                    }
                });
        try {
            // Started after the stream, so its first healthy event proves the stream live
            probe = client.createContainerCmd(IMAGE).withName(NAME)
                    .withLabels(Map.of(LABEL, "true", "autoheal", "true"))
                    .withCmd("sh", "-c", "touch /tmp/ok; trap \"exit 0\" TERM; while true; do sleep 1; done")
                    .withHealthcheck(new HealthCheck().withTest(List.of("CMD", "test", "-f", "/tmp/ok"))
                            .withInterval(PROBE_INTERVAL.toNanos()).withTimeout(TimeUnit.SECONDS.toNanos(10)).withRetries(1))
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                    .exec().getId();
            client.startContainerCmd(probe).exec();
            next(action("health_status: healthy"), "healthy after its start");

            double[] monitor = measureMonitor(delays);
            double[] poller = measurePoller(delays);

            System.out.println();
            System.out.println(machine);
            System.out.println();
            System.out.println("Detection-to-restart latency under auto-heal, " + ROUNDS + " rounds per healer (after "
                    + WARMUP_ROUNDS + " warm-up round), one container, healthcheck `test -f /tmp/ok` every "
                    + PROBE_INTERVAL.toMillis() + " ms, retries 1");
            System.out.println(String.format("%-46s %6s %10s %7s %8s %7s", "healer", "rounds", "median ms", "p95 ms",
                    "mean ms", "min ms"));
            System.out.println(row("docker-health-monitor (events, wait 0 s)", monitor));
            System.out.println(row("5 s poller (docker-autoheal style)", poller));
            System.out.println();
            System.out.println("Figure = engine's `kill` event of the restart minus its `health_status: unhealthy` event "
                    + "(Event.timeNano, both from the engine's event stream); p95 is nearest-rank, so with "
                    + ROUNDS + " rounds it is the max.");
            System.out.println("Faults (`rm -f /tmp/ok`) come 0-" + POLLER_INTERVAL.toSeconds() + " s (stratified) after "
                    + "the container is healthy again, the same delays for both healers, to sample the poller's cycle.");
            System.out.println("docker-health-monitor: the packaged jar with " + envLine() + "; it heals on the "
                    + "unhealthy event (its 1 s auto-heal timer is the safety net). With AUTOHEAL_WAIT_SEC unset it first waits WAIT_AND_CHECK_AGAIN_MIN "
                    + "(15 min by default), which adds to the figure; that default is not measured here.");
            System.out.println("5 s poller: in this benchmark, as docker-autoheal's loop: list health=unhealthy,label=autoheal=true,"
                    + " restart each (t=" + POLLER_STOP_TIMEOUT + "), sleep " + POLLER_INTERVAL.toSeconds() + " s.");
            System.out.println("Load average " + BenchSupport.loadAverage() + " at the end.");
        } finally {
            stream.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------- healers

    /** Side A: the packaged jar as a process, in a fresh working directory, stopped before the poller runs. */
    private double[] measureMonitor(long[] delays) throws Exception {
        Path workDir = Files.createTempDirectory("dhm-heal-bench");
        Path console = workDir.resolve("console.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        builder.environment().keySet().removeIf(name -> OWN_VARIABLES.contains(name) || name.startsWith("AUTOHEAL_"));
        builder.environment().put("DOCKER_HOST", dockerHost);
        builder.environment().putAll(MONITOR_ENV);
        System.err.println("  docker-health-monitor: starting " + jar.getFileName() + " in " + workDir + " (console.log there)");
        Process process = builder.start();
        try {
            awaitLog(process, console, "Listening to container events", MONITOR_START);
            double[] latencies = rounds("docker-health-monitor", delays);
            int restarts = count(Files.readString(console, StandardCharsets.UTF_8), "Auto-heal restarted");
            System.err.printf("  docker-health-monitor logged %d restarts (%d rounds incl. warm-up)%n", restarts,
                    ROUNDS + WARMUP_ROUNDS);
            return latencies;
        } catch (Exception e) {
            System.err.println("  docker-health-monitor console (" + console + "), last lines:\n" + tail(console));
            throw e;
        } finally {
            stop(process);
            System.err.println("  docker-health-monitor stopped; its console log: " + console);
        }
    }

    /** Side B: what docker-autoheal's loop does, every 5 s, in a thread of this benchmark. */
    private double[] measurePoller(long[] delays) throws Exception {
        AtomicInteger restarts = new AtomicInteger();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "autoheal-poller");
            t.setDaemon(true);
            return t;
        });
        // A fixed delay, as docker-autoheal's `while true; do ...; sleep $AUTOHEAL_INTERVAL; done`
        poller.scheduleWithFixedDelay(() -> {
            try {
                List<Container> unhealthy = client.listContainersCmd()
                        .withFilter("health", List.of("unhealthy"))
                        .withLabelFilter(Map.of("autoheal", "true"))
                        .exec();
                for (Container c : unhealthy) {
                    client.restartContainerCmd(c.getId()).withTimeout(POLLER_STOP_TIMEOUT).exec();
                    restarts.incrementAndGet();
                }
            } catch (RuntimeException e) {
                System.err.println("  poller: " + e); // docker-autoheal logs and carries on, so does this
            }
        }, 0, POLLER_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        try {
            double[] latencies = rounds("5 s poller", delays);
            System.err.printf("  5 s poller restarted %d times (%d rounds incl. warm-up)%n", restarts.get(),
                    ROUNDS + WARMUP_ROUNDS);
            return latencies;
        } finally {
            poller.shutdownNow();
            poller.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    // ---------------------------------------------------------------------------------------------------- rounds

    /**
     * Warm-up plus timed rounds against whichever healer runs now. The probe is healthy when a round begins; after
     * the fault, the healer's restart, and the healthy event that follows it, it is healthy again.
     */
    private double[] rounds(String healer, long[] delays) throws Exception {
        double[] latencies = new double[ROUNDS];
        for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
            Thread.sleep(delays[Math.floorMod(round, ROUNDS)]);
            BenchSupport.exec(client, probe, "rm", "-f", "/tmp/ok");
            Event unhealthy = next(action("health_status: unhealthy").or(action("kill")), "unhealthy");
            if (!"health_status: unhealthy".equals(unhealthy.getAction())) {
                throw new IllegalStateException(healer + " killed the probe before the engine declared it unhealthy");
            }
            Event kill = next(action("kill"), "killed (restarted by " + healer + ")");
            // Until healthy again: any further kill would be a second restart for the same fault
            int extraKills = 0;
            while (!"health_status: healthy".equals(next(action("health_status: healthy").or(action("kill")),
                    "healthy after the restart").getAction())) {
                extraKills++;
            }
            double ms = (kill.getTimeNano() - unhealthy.getTimeNano()) / 1e6;
            System.err.printf("  %s, %s: unhealthy -> kill %.0f ms (fault %d ms after healthy, signal %s)%s%n", healer,
                    round < 0 ? "warm-up" : "round " + (round + 1), ms, delays[Math.floorMod(round, ROUNDS)],
                    kill.getActor() == null ? "?" : kill.getActor().getAttributes().get("signal"),
                    extraKills == 0 ? "" : ", " + extraKills + " more kill(s) before healthy");
            if (extraKills > 0) {
                throw new IllegalStateException(healer + " restarted the probe more than once for one fault");
            }
            if (round >= 0) {
                latencies[round] = ms;
            }
        }
        return latencies;
    }

    /**
     * How long after the healthy event each round's fault comes: one draw in each of ROUNDS equal slices of the
     * poller's interval (one fixed random sequence, the same for both healers), since a poller's latency depends on where in its cycle
     * the container turns unhealthy and rounds paced by its own restarts would otherwise hit the same phase each time.
     */
    private static long[] faultDelays() {
        Random random = new Random(4);
        long slice = POLLER_INTERVAL.toMillis() / ROUNDS;
        long[] delays = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            delays[i] = i * slice + random.nextInt((int) slice);
        }
        // shuffled, so the order of the delays does not line up with any drift over the run
        for (int i = ROUNDS - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = delays[i];
            delays[i] = delays[j];
            delays[j] = t;
        }
        return delays;
    }

    private Predicate<Event> action(String action) {
        return event -> probe.equals(event.getId()) && action.equals(event.getAction());
    }

    /** The next event of the probe that matches, skipping others (die, stop, start, restart, exec_*...). */
    private Event next(Predicate<Event> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            if (streamError.get() != null) {
                throw new IllegalStateException("the event stream failed", streamError.get());
            }
            Event e = seen.poll(Math.min(1_000_000_000L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e != null && wanted.test(e)) {
                return e;
            }
            if (e == null && System.nanoTime() >= deadline) {
                throw new IllegalStateException("probe not seen " + what + " within " + WAIT);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- monitor process

    private static void awaitLog(Process process, Path console, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(Files.exists(console) && Files.readString(console, StandardCharsets.UTF_8).contains(text))) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the monitor exited (code " + process.exitValue() + ") before logging '"
                        + text + "'");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the monitor did not log '" + text + "' within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /** SIGTERM as an operator's Ctrl+C, then SIGKILL if it has not exited within 20 s. */
    private static void stop(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            System.err.println("  docker-health-monitor had exited with code " + process.exitValue());
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String tail(Path console) {
        try {
            String all = Files.readString(console, StandardCharsets.UTF_8);
            return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    private static String envLine() {
        StringBuilder line = new StringBuilder();
        MONITOR_ENV.forEach((k, v) -> line.append(line.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return line.toString();
    }

    // ---------------------------------------------------------------------------------------------------- utilities

    private static String row(String healer, double[] ms) {
        return String.format("%-46s %6d %10.0f %7.0f %8.0f %7.0f", healer, ms.length, BenchSupport.percentile(ms, 50),
                BenchSupport.percentile(ms, 95), Arrays.stream(ms).average().orElse(Double.NaN), BenchSupport.percentile(ms, 0));
    }

    /** Force-removes every container labelled io.dhm.bench=true. */
    private void removeBenchContainers() {
        try {
            List<Container> bench = client.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(LABEL, "true")).exec();
            for (Container c : bench) {
                try {
                    client.removeContainerCmd(c.getId()).withForce(true).exec();
                } catch (NotFoundException ignored) {
                    // already gone
                }
            }
            if (!bench.isEmpty()) {
                System.err.println("  removed " + bench.size() + " bench containers");
            }
        } catch (Exception e) {
            System.err.println("could not remove the bench containers (label " + LABEL + "=true): " + e);
        }
    }

    private void close() throws Exception {
        client.close();
        events.close();
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
