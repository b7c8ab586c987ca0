package io.dhm.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Benchmark, not a test (the name keeps surefire and failsafe away): the monitor's own CPU use while its resource
 * signals sample 200 idle monitored containers every STATS_INTERVAL_SEC (from the cgroup files on the engine's host, else
 * one one-shot stats call per container), at the default 15 s, at 5 s, and with sampling off (STATS_INTERVAL_SEC=0)
 * as the baseline. Each row runs
 * the packaged jar as a process, as an operator runs it, lets it settle, then reads its CPU time (utime + stime of
 * /proc/&lt;pid&gt;/stat) over a 60 s window, and the engine's over the same window (dockerd, and its containerd and
 * shims: one-shot stats would cost the engine too). Cycle figures come from the monitor's own /observe/metrics, scraped
 * only at the edges of the window. Run it with scripts/resource-benchmark.sh.
 */
public final class ResourceBenchmark {

    private static final String IMAGE = "dhm/busybox:test";
    private static final String LABEL = "io.dhm.bench";
    private static final String NAME = "dhm-bench-res-";
    private static final int CONTAINERS = 200;
    private static final int PARALLEL = 8; // containers created (and removed) this many at a time
    private static final int[] INTERVALS = {15, 5, 0}; // STATS_INTERVAL_SEC per row; 0 = sampling off (baseline)
    private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(30);
    private static final Duration HEALTHY_WAIT = Duration.ofSeconds(90);
    private static final Duration MONITOR_START = Duration.ofSeconds(90);
    private static final Duration SETTLE_MIN = Duration.ofSeconds(20); // JVM start-up and JIT out of the window
    private static final Duration WINDOW = Duration.ofSeconds(60);
    /** Variables of the monitor that must not leak in from the developer's shell (plus every AUTOHEAL_*). */
    private static final List<String> OWN_VARIABLES = List.of("SMTP_HOST", "SMTP_PORT", "SMTP_USER", "SMTP_PASS",
            "SENDER_EMAIL", "HEALTH_CHECK_ALERT_EMAILS", "SERVER_NAME", "HEALTH_CHECK_INTERVAL_SEC",
            "WAIT_AND_CHECK_AGAIN_MIN", "HEALTH_CHECK_LOG_LINES", "CONTAINER_ALERT_ROUTING", "DOCKER_TLS_VERIFY",
            "DOCKER_CERT_PATH", "OUTBOX_DIR", "DATA_DIR", "EMAIL_TRANSPORT", "WEBHOOK_URLS", "WEBHOOK_HEADERS",
            "WEBHOOK_TIMEOUT_SEC", "ALERT_GROUP_WAIT_SEC", "ALERT_REPEAT_INTERVAL_MIN", "ALERT_COOLDOWN_SEC",
            "ALERT_COOLDOWN", "ALERT_MAX_AGE_HOURS", "OUTBOX_JDBC_URL", "OUTBOX_JDBC_USER", "OUTBOX_JDBC_PASSWORD",
            "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SES", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "CUSTOM_CHECKS", "CHECK_INTERVAL_SEC", "CHECK_TIMEOUT_SEC", "CHECK_FAILURES", "LOG_PATTERN",
            "LOG_PATTERN_COUNT", "LOG_PATTERN_HEAL", "LOG_PATTERN_WINDOW_SEC", "RESTART_LOOP_COUNT", "RESTART_LOOP_HEAL",
            "RESTART_LOOP_WINDOW_SEC", "HISTORY_RETENTION_HOURS", "TEMPLATES_DIR", "HTTP_HOST", "HTTP_PORT",
            "API_TOKEN", "DEV_CONSOLE_ENABLED", "STATS_INTERVAL_SEC", "RESOURCE_SUSTAINED_SEC", "CPU_THRESHOLD",
            "CPU_CRITICAL_THRESHOLD", "MEMORY_THRESHOLD", "MEMORY_CRITICAL_THRESHOLD");

    private final String dockerHost;
    private final Path jar;
    private final Path engineDir;
    private final long clockTicks;
    private final DockerClient client; // setup only: create, start, list, remove
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One row of the table. */
    private record Row(int interval, int monitored, int sampledBefore, int sampled, double monitorCpu, double dockerdCpu,
                       double containerdCpu, int containerdProcesses, double rssMiB, double statsPerSec,
                       double statsCallSec, long statsFailed, int cycles, double cycleSec, int inflightBefore,
                       int inflightAfter, double settleSec, int warnings) {
    }

    /** What the monitor's /observe/metrics says, the few figures this benchmark reads. */
    private record Scrape(int monitored, int sampled, double statsOk, double statsFailed, double statsSeconds,
                          double cycles, double cycleSeconds, int inflight) {

        static Scrape parse(String text) {
            int monitored = 0;
            int sampled = 0;
            double statsOk = 0;
            double statsFailed = 0;
            double statsSeconds = 0;
            double cycles = 0;
            double cycleSeconds = 0;
            int inflight = 0;
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("dhm_container_cpu_percent{")) {
                    sampled++;
                } else if (line.startsWith("dhm_containers{") && line.contains("state=\"monitored\"")) {
                    monitored += (int) value(line);
                } else if (line.startsWith("dhm_docker_api_calls_total{") && line.contains("operation=\"stats\"")) {
                    if (line.contains("outcome=\"ok\"")) {
                        statsOk += value(line);
                    } else {
                        statsFailed += value(line);
                    }
                } else if (line.startsWith("dhm_docker_api_seconds_sum{") && line.contains("operation=\"stats\"")) {
                    statsSeconds += value(line);
                } else if (line.startsWith("camel_route_policy_seconds_count{") && line.contains("routeId=\"resource-stats\"")) {
                    cycles += value(line);
                } else if (line.startsWith("camel_route_policy_seconds_sum{") && line.contains("routeId=\"resource-stats\"")) {
                    cycleSeconds += value(line);
                } else if (line.startsWith("camel_exchanges_inflight{") && line.contains("routeId=\"resource-stats\"")) {
                    inflight += (int) value(line);
                }
            }
            return new Scrape(monitored, sampled, statsOk, statsFailed, statsSeconds, cycles, cycleSeconds, inflight);
        }

        private static double value(String line) {
            String[] parts = line.substring(line.lastIndexOf('}') + 1).trim().split("\\s+");
            return Double.parseDouble(parts[0]);
        }
    }

    private ResourceBenchmark(String dockerHost, Path jar, Path engineDir, long clockTicks) {
        this.dockerHost = dockerHost;
        this.jar = jar;
        this.engineDir = engineDir;
        this.clockTicks = clockTicks;
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
        client = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).maxConnections(2 * PARALLEL).responseTimeout(Duration.ofSeconds(60)).build());
    }

    public static void main(String[] args) throws Exception {
        BenchSupport.quietLogging();
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost == null || dockerHost.isBlank()) {
            System.err.println("DOCKER_HOST is not set; run scripts/resource-benchmark.sh, which starts the sandbox engine and sets it");
            System.exit(2);
        }
        Path jar = Path.of(args.length > 0 ? args[0] : "target/docker-health-monitor.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            System.err.println(jar + " does not exist; build it with `mvn -B -q package -DskipTests`");
            System.exit(2);
        }
        String dir = System.getenv("DHM_ENGINE_DIR");
        Path engineDir = Path.of(dir == null || dir.isBlank() ? "/tmp/dhm-engine" : dir).toAbsolutePath().normalize();
        ResourceBenchmark bench = new ResourceBenchmark(dockerHost, jar, engineDir, clockTicks());
        int exit = 0;
        try {
            bench.run();
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            bench.removeBenchContainers();
            bench.client.close();
        }
        // docker-java's threads are not all daemons; leave without waiting for them
        System.exit(exit);
    }

    private void run() throws Exception {
        String machine = BenchSupport.machineLine(client);
        long dockerd = dockerdPid();
        System.err.println("  engine: dockerd pid " + dockerd + " (" + engineDir + "), clock ticks " + clockTicks + "/s");
        removeBenchContainers(); // leftovers of an interrupted run would be monitored too
        createContainers();
        awaitHealthy();

        List<Row> rows = new ArrayList<>();
        for (int interval : INTERVALS) {
            rows.add(measure(interval, dockerd));
        }

        System.out.println();
        System.out.println(machine);
        System.out.println();
        System.out.println("Monitor CPU while sampling " + CONTAINERS + " idle monitored containers (resource-stats route; "
                + "its source is the start-up line 'Resource readings: ...' in each console.log), " + WINDOW.toSeconds() + " s window per row, CPU in % of one core");
        String header = String.format("%-9s %10s %9s %11s %11s %16s %7s %7s %7s %9s %10s", "interval", "containers",
                "sampled", "monitor CPU", "dockerd CPU", "containerd+shims", "RSS MiB", "stats/s", "stats s", "in flight",
                "cycle s");
        System.out.println(header);
        for (Row row : rows) {
            boolean off = row.interval() == 0;
            System.out.println(String.format(Locale.ROOT, "%-9s %10d %9s %11.1f %11.1f %16.1f %7.0f %7.2f %7s %9s %10s",
                    off ? "0 (off)" : row.interval() + " s", row.monitored(), row.sampledBefore() + "->" + row.sampled(),
                    row.monitorCpu(), row.dockerdCpu(), row.containerdCpu(), row.rssMiB(), row.statsPerSec(),
                    off ? "-" : String.format(Locale.ROOT, "%.2f", row.statsCallSec()),
                    row.inflightBefore() + "->" + row.inflightAfter(),
                    off ? "-" : row.cycles() == 0 ? "none done" : String.format(Locale.ROOT, "%.1f (%d)",
                            row.cycleSec(), row.cycles())));
        }
        System.out.println();
        System.out.println("interval = STATS_INTERVAL_SEC of the packaged jar (other settings at their defaults, "
                + "HEALTH_CHECK_INTERVAL_SEC 30); containers = dhm_containers{state=\"monitored\"} at the end of the window, sampled "
                + "= dhm_container_cpu_percent lines (containers with a sample) at its start -> end, from /observe/metrics.");
        System.out.println("CPU = delta(utime + stime) of /proc/<pid>/stat over the window / " + clockTicks
                + " ticks/s / window; containerd+shims = the engine's containerd and its containerd-shim-runc-v2 "
                + "processes (" + rows.get(0).containerdProcesses() + "), summed; RSS = VmRSS at the end of the window "
                + "(JVM defaults, no -Xmx).");
        System.out.println("stats/s = stats calls the monitor made in the window per second; stats s = their mean "
                + "duration (dhm_docker_api_seconds); cycle s = mean duration of the resource-stats route's exchanges "
                + "that completed in the window (camel_route_policy_seconds), count in brackets; in flight = "
                + "camel_exchanges_inflight{routeId=\"resource-stats\"} at the window's start -> end.");
        System.out.println("Each row: fresh monitor process; window starts after 'Listening to container events' and "
                + "all containers sampled, or one interval (first tick) + 2 intervals, and at least "
                + SETTLE_MIN.toSeconds() + " s; /observe/metrics is scraped only outside the window.");
        System.out.println("Containers: " + IMAGE + " `sh -c 'touch /tmp/ok; sleep 100000'`, network none, healthcheck "
                + "`test -f /tmp/ok` every " + HEALTH_INTERVAL.toSeconds() + " s (the engine runs ~"
                + String.format(Locale.ROOT, "%.1f", CONTAINERS / (double) HEALTH_INTERVAL.toSeconds())
                + " health execs/s in every row, baseline included).");
        for (Row row : rows) {
            if (row.interval() > 0 && row.inflightAfter() > row.inflightBefore()) {
                System.out.println(String.format(Locale.ROOT, "Row %d s: resource-stats cycles overlap: %d in flight at the "
                                + "window's start, %d at its end, %d completed in it; at %.2f stats calls/s one pass over %d "
                                + "containers takes at least %.0f s, longer than the %d s interval.", row.interval(),
                        row.inflightBefore(), row.inflightAfter(), row.cycles(), row.statsPerSec(), row.monitored(),
                        row.monitored() / row.statsPerSec(), row.interval()));
            }
            if (row.statsFailed() > 0 || row.warnings() > 0) {
                System.out.println("Row " + row.interval() + " s: " + row.statsFailed() + " failed stats calls in the window, "
                        + row.warnings() + " WARN/ERROR lines in the monitor's console.");
            }
        }
        System.out.println("Load average " + BenchSupport.loadAverage() + " at the end.");
    }

    // ---------------------------------------------------------------------------------------------------- containers

    /** CONTAINERS idle containers with a healthcheck (so monitored), created and started PARALLEL at a time. */
    private void createContainers() throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 1; i <= CONTAINERS; i++) {
                String name = String.format("%s%03d", NAME, i);
                created.add(pool.submit(() -> {
                    String id = client.createContainerCmd(IMAGE).withName(name)
                            .withLabels(Map.of(LABEL, "true"))
                            .withCmd("sh", "-c", "touch /tmp/ok; sleep 100000")
                            .withHealthcheck(new HealthCheck().withTest(List.of("CMD", "test", "-f", "/tmp/ok"))
                                    .withInterval(HEALTH_INTERVAL.toNanos()).withTimeout(TimeUnit.SECONDS.toNanos(10))
                                    .withRetries(3))
                            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                            .exec().getId();
                    client.startContainerCmd(id).exec();
                    return null;
                }));
            }
            for (Future<?> f : created) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        System.err.printf("  created and started %d containers in %.1f s (%d at a time)%n", CONTAINERS,
                (System.nanoTime() - start) / 1e9, PARALLEL);
    }

    /** Until the engine has run every container's first healthcheck, so no health_status burst lands in a window. */
    private void awaitHealthy() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + HEALTHY_WAIT.toNanos();
        int healthy = 0;
        while (System.nanoTime() < deadline) {
            healthy = client.listContainersCmd().withLabelFilter(Map.of(LABEL, "true"))
                    .withFilter("health", List.of("healthy")).exec().size();
            if (healthy >= CONTAINERS) {
                break;
            }
            Thread.sleep(1000);
        }
        System.err.printf("  %d of %d containers healthy after %.1f s more%n", healthy, CONTAINERS,
                (System.nanoTime() - start) / 1e9);
    }

    /** Force-removes every container labelled io.dhm.bench=true, PARALLEL at a time. */
    private void removeBenchContainers() {
        try {
            List<Container> bench = client.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(LABEL, "true")).exec();
            if (bench.isEmpty()) {
                return;
            }
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
            try {
                List<Future<?>> removed = new ArrayList<>();
                for (Container c : bench) {
                    removed.add(pool.submit(() -> {
                        try {
                            client.removeContainerCmd(c.getId()).withForce(true).exec();
                        } catch (NotFoundException ignored) {
                            // already gone
                        }
                        return null;
                    }));
                }
                for (Future<?> f : removed) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            System.err.printf("  removed %d bench containers in %.1f s%n", bench.size(), (System.nanoTime() - start) / 1e9);
        } catch (Exception e) {
            System.err.println("could not remove the bench containers (label " + LABEL + "=true): " + e);
        }
    }

    // ---------------------------------------------------------------------------------------------------- one row

    private Row measure(int interval, long dockerd) throws Exception {
        Path workDir = Files.createTempDirectory("dhm-resource-bench");
        Path console = workDir.resolve("console.log");
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        builder.environment().keySet().removeIf(name -> OWN_VARIABLES.contains(name) || name.startsWith("AUTOHEAL_"));
        builder.environment().put("DOCKER_HOST", dockerHost);
        builder.environment().put("HTTP_PORT", String.valueOf(port));
        builder.environment().put("STATS_INTERVAL_SEC", String.valueOf(interval));
        System.err.println("  STATS_INTERVAL_SEC=" + interval + ": starting " + jar.getFileName() + " on port " + port
                + " in " + workDir + " (console.log there)");
        Process process = builder.start();
        long pid = process.pid();
        try {
            awaitLog(process, console, "Listening to container events", MONITOR_START);
            long listening = System.nanoTime();
            // settled: every container sampled (or, with sampling off, monitored), or the first tick and 2 more
            // intervals gone by; and never before SETTLE_MIN
            long cap = listening + Duration.ofSeconds(3L * interval).toNanos();
            long floor = listening + SETTLE_MIN.toNanos();
            Scrape before;
            while (true) {
                alive(process);
                before = scrape(port);
                long now = System.nanoTime();
                boolean complete = interval == 0 ? before.monitored() >= CONTAINERS : before.sampled() >= CONTAINERS;
                if (now >= floor && (complete || now >= cap)) {
                    break;
                }
                Thread.sleep(1000);
            }
            double settle = (System.nanoTime() - listening) / 1e9;
            System.err.printf("  settled %.1f s after 'Listening': %d monitored, %d sampled; %d s window%n", settle,
                    before.monitored(), before.sampled(), WINDOW.toSeconds());

            Map<Long, Long> engine0 = containerdTicks(dockerd);
            long dockerd0 = ticks(dockerd);
            long monitor0 = ticks(pid);
            long t0 = System.nanoTime();
            Thread.sleep(WINDOW.toMillis());
            long monitor1 = ticks(pid);
            long t1 = System.nanoTime();
            long dockerd1 = ticks(dockerd);
            Map<Long, Long> engine1 = containerdTicks(dockerd);
            double rss = rssMiB(pid);
            alive(process);
            Scrape after = scrape(port);

            double seconds = (t1 - t0) / 1e9;
            long engineDelta = 0;
            int engineCount = 0;
            for (Map.Entry<Long, Long> e : engine1.entrySet()) {
                Long was = engine0.get(e.getKey());
                if (was != null) {
                    engineDelta += e.getValue() - was;
                    engineCount++;
                }
            }
            double calls = after.statsOk() - before.statsOk() + after.statsFailed() - before.statsFailed();
            double cycles = after.cycles() - before.cycles();
            String log = Files.readString(console, StandardCharsets.UTF_8);
            int warnings = (int) log.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).count();
            Row row = new Row(interval, after.monitored(), before.sampled(), after.sampled(), percent(monitor1 - monitor0, seconds),
                    percent(dockerd1 - dockerd0, seconds), percent(engineDelta, seconds), engineCount, rss,
                    calls / seconds, calls == 0 ? 0 : (after.statsSeconds() - before.statsSeconds()) / calls,
                    (long) (after.statsFailed() - before.statsFailed()), (int) cycles,
                    cycles == 0 ? 0 : (after.cycleSeconds() - before.cycleSeconds()) / cycles, before.inflight(),
                    after.inflight(), settle, warnings);
            System.err.printf(Locale.ROOT, "  STATS_INTERVAL_SEC=%d: monitor %.1f %%, dockerd %.1f %%, containerd+shims "
                            + "%.1f %% (%d processes), RSS %.0f MiB, %.2f stats calls/s, %d cycles done, in flight %d -> %d, %d WARN/ERROR lines%n",
                    interval, row.monitorCpu(), row.dockerdCpu(), row.containerdCpu(), engineCount, rss,
                    row.statsPerSec(), row.cycles(), row.inflightBefore(), row.inflightAfter(), warnings);
            return row;
        } catch (Exception e) {
            System.err.println("  monitor console (" + console + "), last lines:\n" + tail(console));
            throw e;
        } finally {
            stop(process);
        }
    }

    private double percent(long ticks, double seconds) {
        return 100.0 * ticks / clockTicks / seconds;
    }

    private String scrapeText(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/observe/metrics")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/observe/metrics answered " + response.statusCode());
        }
        return response.body();
    }

    private Scrape scrape(int port) throws IOException, InterruptedException {
        return Scrape.parse(scrapeText(port));
    }

    // ---------------------------------------------------------------------------------------------------- /proc

    /**
     * utime + stime of a process (all its threads) and its descendants, in clock ticks; fields 14 and 15 of
     * /proc/<pid>/stat. The jar's process is a launcher with the monitor's JVM as its child (io.dhm.Launcher).
     */
    private static long ticks(long pid) throws IOException {
        long ticks = 0;
        for (long each : withDescendants(pid)) {
            String stat = Files.readString(Path.of("/proc", String.valueOf(each), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+"); // fields[0] is field 3
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return ticks;
    }

    /** VmRSS of a process and its descendants, summed. */
    private static double rssMiB(long pid) throws IOException {
        long kib = 0;
        for (long each : withDescendants(pid)) {
            kib += Files.readAllLines(Path.of("/proc", String.valueOf(each), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
        }
        return kib / 1024.0;
    }

    private static List<Long> withDescendants(long pid) {
        List<Long> pids = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(process -> process.descendants().forEach(child -> pids.add(child.pid())));
        return pids;
    }

    /** The engine's dockerd: its pid file, else the dockerd whose command line names the engine's directory. */
    private long dockerdPid() throws IOException {
        Path pidFile = engineDir.resolve("docker.pid");
        if (Files.isReadable(pidFile)) {
            String pid = Files.readString(pidFile).replaceAll("\\D", "");
            if (!pid.isEmpty() && "dockerd".equals(comm(Long.parseLong(pid)))) {
                return Long.parseLong(pid);
            }
        }
        return processes().entrySet().stream()
                .filter(e -> e.getValue().startsWith("dockerd") || e.getValue().contains("/dockerd "))
                .filter(e -> e.getValue().contains(engineDir.toString()))
                .mapToLong(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalStateException("no dockerd of " + engineDir + " found"));
    }

    /** Ticks of the engine's containerd and shims: processes whose command line names &lt;engine&gt;/exec/containerd/. */
    private Map<Long, Long> containerdTicks(long dockerd) throws IOException {
        String marker = engineDir.resolve("exec").resolve("containerd") + "/";
        Map<Long, Long> ticks = new HashMap<>();
        for (Map.Entry<Long, String> e : processes().entrySet()) {
            if (e.getKey() != dockerd && e.getValue().contains(marker)) {
                try {
                    ticks.put(e.getKey(), ticks(e.getKey()));
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return ticks;
    }

    /** pid → command line (arguments joined by spaces) of every process readable now. */
    private static Map<Long, String> processes() throws IOException {
        Map<Long, String> all = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    all.put(Long.parseLong(name),
                            new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' '));
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return all;
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** DHM_CLK_TCK (the script sets it from `getconf CLK_TCK`), else `getconf CLK_TCK`, else 100. */
    private static long clockTicks() {
        String env = System.getenv("DHM_CLK_TCK");
        try {
            if (env != null && !env.isBlank()) {
                return Long.parseLong(env.trim());
            }
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (Exception e) {
            // fall through
        }
        return 100;
    }

    // ---------------------------------------------------------------------------------------------------- monitor process

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void alive(Process process) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the monitor exited (code " + process.exitValue() + ")");
        }
    }

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
            System.err.println("  docker-health-monitor did not stop within 20 s of SIGTERM; SIGKILL");
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
}
