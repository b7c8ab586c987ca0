package io.dhm.bench;

import com.github.dockerjava.api.DockerClient;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark, not a test (the name keeps surefire and failsafe away): the packaged jar, run as a process exactly as the
 * README runs it ({@code java -jar target/docker-health-monitor.jar}, no JVM option), on the sandbox engine named by
 * DOCKER_HOST with a pool of N idle healthy containers (default 1000, healthcheck every 120 s), and one table of
 * figures against their targets:
 * <ul>
 * <li>run A, the README's defaults plus mail to an in-process SMTP server: launch to the "Watching" line and to
 * readiness UP, then after settling the CPU of the monitor (the jar's process and the monitor JVM it starts) and of the
 * engine (dockerd, containerd, shims) over a window, and the monitor's RSS at its end;</li>
 * <li>run B, the same with STATS_INTERVAL_SEC=0: idle CPU without resource sampling, and the engine's CPU, which
 * run A's minus this one gives what sampling costs the engine;</li>
 * <li>run C, a 6 s confirmation wait: how late the CRITICAL mail leaves after the wait ends ({@link AlertRounds});</li>
 * <li>run D, auto-heal at once: the engine's unhealthy event to the restart's kill event ({@link HealRounds}), and the
 * same for a peer tool with {@code --peer}.</li>
 * </ul>
 * C and D are separate monitors: a restart by auto-heal would end the alert episode that C waits on. The pool is
 * created once (or reused with the pool label, after a run with {@code --keep-pool}); the probe of C and D is created
 * after A and B, as its 500 ms healthcheck would load the engine in their windows. Run it with scripts/benchmark.sh.
 */
public final class PoolBenchmark {

    static final String POOL_NAME = "dhm-pool";
    static final int PARALLEL = 8;
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Duration LOG_POLL = Duration.ofMillis(10);
    static final Duration READY_POLL = Duration.ofMillis(20);
    static final Duration SETTLE = Duration.ofSeconds(30);
    static final Duration WINDOW = Duration.ofSeconds(60);
    static final Duration PER = Duration.ofSeconds(30); // CPU figures are given per 30 s
    static final int ALERT_ROUNDS = 5;
    static final int HEAL_ROUNDS = 10;
    static final int WARM_UPS = 1;
    private static final String WAIT_MIN = "0.1";
    static final Duration CONFIRM_WAIT = Duration.ofSeconds(6); // WAIT_AND_CHECK_AGAIN_MIN=0.1
    static final String RECIPIENT = "ops@bench.example";
    private static final String WATCHING = "Watching ";
    private static final Pattern WATCHING_LINE = Pattern.compile("Watching (\\d+) running containers");
    /** The heal run's settings: heal on the engine's verdict, and never let the backoff or the limit interfere. */
    static final Map<String, String> HEAL_SETTINGS = Map.of(
            "AUTOHEAL_ENABLED", "1",
            "AUTOHEAL_WAIT_SEC", "0",
            "AUTOHEAL_BACKOFF_INITIAL_SEC", "1",
            "AUTOHEAL_MAX_RESTARTS", "1000",
            "AUTOHEAL_BACKOFF_RESET_SEC", "0",
            "HEALTH_CHECK_INTERVAL_SEC", "30",
            "WAIT_AND_CHECK_AGAIN_MIN", "15");
    /** The alert run's: a 6 s wait, each alert sent alone at once, and no cooldown between the rounds' alerts. */
    static final Map<String, String> ALERT_SETTINGS = Map.of(
            "WAIT_AND_CHECK_AGAIN_MIN", WAIT_MIN,
            "ALERT_GROUP_WAIT_SEC", "0",
            "ALERT_COOLDOWN_SEC", "0");

    /**
     * The command line: {@code [--pool N] [--health-interval SEC] [--peer PATH] [--keep-pool] [--jar PATH]};
     * {@code --jar} measures another build of the monitor (an earlier commit's, for a before/after table), by default
     * target/docker-health-monitor.jar. {@code --health-interval} spaces the pool's healthchecks (default 120 s): a
     * machine whose engine cannot run a thousand of them every 120 s (the execs pile up) measures with a longer one.
     */
    record Options(int pool, Duration healthInterval, Path peer, boolean keepPool, Path jar) {

        static Options parse(String[] args) {
            int pool = 1000;
            Duration healthInterval = Duration.ofSeconds(120);
            Path peer = null;
            boolean keepPool = false;
            Path jar = Path.of("target", "docker-health-monitor.jar").toAbsolutePath();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--pool" -> pool = Integer.parseInt(value(args, ++i));
                    case "--health-interval" -> healthInterval = Duration.ofSeconds(Long.parseLong(value(args, ++i)));
                    case "--peer" -> peer = Path.of(value(args, ++i)).toAbsolutePath();
                    case "--keep-pool" -> keepPool = true;
                    case "--jar" -> jar = Path.of(value(args, ++i)).toAbsolutePath();
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (pool < 1) {
                throw new IllegalArgumentException("--pool must be at least 1");
            }
            if (healthInterval.toSeconds() < 1) {
                throw new IllegalArgumentException("--health-interval must be at least 1 s");
            }
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException(jar + " does not exist; build it with `mvn -B -q package -DskipTests`");
            }
            if (peer != null && !Files.isRegularFile(peer)) {
                throw new IllegalArgumentException(peer + " is not a file");
            }
            return new Options(pool, healthInterval, peer, keepPool, jar);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    /** What an idle run (A or B) measured; CPU in seconds per {@link #PER}. */
    record Idle(double watchingSec, double readySec, double monitorCpu, double engineCpu, double rssMiB, int engineProcesses,
                int watched) {
    }

    private final Options options;
    private final String dockerHost;
    private final Path jar;
    private final DockerClient client; // requests: create, start, exec, list, remove
    private final DockerClient streamClient; // the event stream only
    private final Pool pool;
    private final EngineProcesses engine;
    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    private final List<String> failures = new ArrayList<>();
    private EngineEvents events;
    private Probe probe;

    private PoolBenchmark(Options options, String dockerHost, Path jar) throws Exception {
        this.options = options;
        this.dockerHost = dockerHost;
        this.jar = jar;
        client = BenchSupport.dockerClient(dockerHost, 2 * PARALLEL, Duration.ofSeconds(60));
        streamClient = BenchSupport.dockerClient(dockerHost, 2, null);
        pool = new Pool(client, POOL_NAME, options.healthInterval(), PARALLEL);
        engine = EngineProcesses.ofEnvironment();
    }

    public static void main(String[] args) throws Exception {
        BenchSupport.quietLogging();
        String dockerHost = BenchSupport.dockerHost("scripts/benchmark.sh");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\nusage: scripts/benchmark.sh [--pool N] [--health-interval SEC] [--peer PATH] [--keep-pool] [--jar PATH]");
            System.exit(2);
            return;
        }
        PoolBenchmark bench = new PoolBenchmark(options, dockerHost, options.jar());
        BenchSupport.runAndExit(bench::run, bench::cleanUp);
    }

    /** Every phase, then the table; a phase that fails is reported as such and the others still run. */
    private int run() throws Exception {
        String machine = BenchSupport.machineLine(client);
        System.err.println("  engine: dockerd pid " + engine.dockerd() + " (" + engine.engineDir() + "), clock ticks "
                + ProcessTree.CLOCK_TICKS + "/s");
        pool.prepare(options.pool());
        smtp.start();
        Idle a = phase("run A: defaults (resource sampling every 15 s)", () -> idle("A", Map.of()));
        Idle b = phase("run B: STATS_INTERVAL_SEC=0", () -> idle("B", Map.of("STATS_INTERVAL_SEC", "0")));
        phase("probe", this::startProbe);
        double[] lateness = phase("run C: alert lateness", this::alerts);
        double[] crashLateness = phase("run C': crash alert lateness", this::crashAlerts);
        double[] heal = phase("run D: auto-heal", this::heal);
        double[] peer = options.peer() == null ? null : phase("peer: " + options.peer(), this::peer);
        new PoolReport(options, machine).print(a, b, lateness, crashLateness, heal, peer, failures);
        return failures.isEmpty() ? 0 : 1;
    }

    private <T> T phase(String name, Callable<T> body) {
        System.err.println("== " + name);
        try {
            return body.call();
        } catch (Exception e) {
            System.err.println("  FAILED: " + name);
            e.printStackTrace();
            failures.add(name + ": " + e);
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------- pool

    // ---------------------------------------------------------------------------------------------------- runs

    /** The README's defaults plus mail and {@code extra} (MonitorProcess adds a free HTTP_PORT). */
    private Map<String, String> environment(Map<String, String> extra) {
        return environment(dockerHost, smtp, extra);
    }

    /** The README's defaults, mail to {@code smtp} and {@code extra}, for a monitor on the engine at {@code dockerHost}. */
    static Map<String, String> environment(String dockerHost, GreenMail smtp, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "DOCKER_HOST", dockerHost,
                "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "SENDER_EMAIL", "monitor@bench.example",
                "HEALTH_CHECK_ALERT_EMAILS", RECIPIENT));
        env.putAll(extra);
        return env;
    }

    /** Run A or B: start-up, settle, then the monitor's and the engine's CPU over the window, RSS at its end. */
    private Idle idle(String name, Map<String, String> extra) throws Exception {
        try (MonitorProcess monitor = MonitorProcess.start(jar, name, environment(extra))) {
            long[] started = awaitStarted(monitor);
            double watching = (started[0] - monitor.launchedNanos()) / 1e9;
            double ready = (started[1] - monitor.launchedNanos()) / 1e9;
            int watched = watched(monitor);
            System.err.printf("  %s: Watching after %.2f s (%d containers), readiness UP after %.2f s; settling %d s%n",
                    name, watching, watched, ready, SETTLE.toSeconds());
            sleepAlive(monitor, SETTLE);
            List<Long> enginePids = engine.pids();
            long monitor0 = monitor.cpuTicks();
            long engine0 = EngineProcesses.ticks(enginePids);
            long t0 = System.nanoTime();
            sleepAlive(monitor, WINDOW);
            long monitor1 = monitor.cpuTicks();
            long engine1 = EngineProcesses.ticks(enginePids);
            double window = (System.nanoTime() - t0) / 1e9;
            double rss = monitor.rssMiB();
            monitor.checkAlive("the end of the window");
            Idle idle = new Idle(watching, ready, per30(monitor1 - monitor0, window), per30(engine1 - engine0, window), rss,
                    enginePids.size(), watched);
            System.err.printf("  %s: monitor %.3f s CPU per 30 s, engine %.3f s (%d processes), RSS %.0f MiB%n", name,
                    idle.monitorCpu(), idle.engineCpu(), enginePids.size(), rss);
            return idle;
        }
    }

    /**
     * System.nanoTime() at the "Watching" line (console.log polled every 10 ms) and at readiness UP (polled every
     * 20 ms), both polled at once from the launch on.
     */
    private long[] awaitStarted(MonitorProcess monitor) throws Exception {
        ExecutorService pollers = Executors.newFixedThreadPool(2);
        try {
            Future<Long> watching = pollers.submit(() -> monitor.awaitLog(WATCHING, START_TIMEOUT, LOG_POLL));
            Future<Long> ready = pollers.submit(() -> monitor.awaitReady(START_TIMEOUT, READY_POLL));
            return new long[] {watching.get(), ready.get()};
        } finally {
            pollers.shutdownNow();
        }
    }

    private static int watched(MonitorProcess monitor) throws Exception {
        Matcher m = WATCHING_LINE.matcher(monitor.output());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static void sleepAlive(MonitorProcess monitor, Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            monitor.checkAlive("the end of " + duration.toSeconds() + " s");
            Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    static double per30(long ticks, double windowSec) {
        return ProcessTree.seconds(ticks) * PER.toSeconds() / windowSec;
    }

    private Void startProbe() throws Exception {
        events = new EngineEvents(streamClient);
        // started after the stream, so that its first healthy event proves the stream live
        probe = Probe.start(client, "dhm-bench-probe", Map.of("autoheal", "true"));
        events.next(EngineEvents.action(probe.id(), "health_status: healthy"), "probe healthy after its start",
                Duration.ofSeconds(60));
        System.err.println("  probe " + probe.name() + " healthy");
        return null;
    }

    /** Run C: a monitor with a 6 s wait, 1 warm-up and {@link #ALERT_ROUNDS} alert episodes; seconds late. */
    private double[] alerts() throws Exception {
        requireProbe();
        try (MonitorProcess monitor = MonitorProcess.start(jar, "C", environment(ALERT_SETTINGS))) {
            awaitStarted(monitor);
            events.clear();
            return new AlertRounds(events, probe, smtp, RECIPIENT, CONFIRM_WAIT).run(WARM_UPS, ALERT_ROUNDS);
        }
    }

    /**
     * Run C': the same monitor settings, rounds on a container without a health check that exits with code 3 (the
     * wait starts at its {@code die} event); a monitor of its own, started after the crash probe.
     */
    private double[] crashAlerts() throws Exception {
        CrashProbe crash = CrashProbe.start(client, "dhm-bench-crash");
        try (MonitorProcess monitor = MonitorProcess.start(jar, "C'", environment(ALERT_SETTINGS))) {
            awaitStarted(monitor);
            events.clear();
            return new AlertRounds(events, crash, smtp, RECIPIENT, CONFIRM_WAIT).run(WARM_UPS, ALERT_ROUNDS);
        } finally {
            client.removeContainerCmd(crash.id()).withForce(true).exec();
        }
    }

    /** Run D: a monitor healing at once, 1 warm-up and {@link #HEAL_ROUNDS} restarts; ms. */
    private double[] heal() throws Exception {
        requireProbe();
        try (MonitorProcess monitor = MonitorProcess.start(jar, "D", environment(HEAL_SETTINGS))) {
            awaitStarted(monitor);
            events.clear();
            double[] ms = new HealRounds(events, probe, HEAL_ROUNDS).run("docker-health-monitor", WARM_UPS);
            System.err.printf("  docker-health-monitor logged %d restarts (%d rounds with the warm-up)%n",
                    monitor.count("Auto-heal restarted"), HEAL_ROUNDS + WARM_UPS);
            return ms;
        }
    }

    /** The same heal rounds with the peer healing instead (no monitor runs then). */
    private double[] peer() throws Exception {
        requireProbe();
        try (PeerProcess peer = PeerProcess.start(options.peer(), dockerHost)) {
            events.clear();
            return new HealRounds(events, probe, HEAL_ROUNDS).run("peer", WARM_UPS);
        }
    }

    private void requireProbe() {
        if (probe == null) {
            throw new IllegalStateException("no probe container (its phase failed)");
        }
    }

    // ---------------------------------------------------------------------------------------------------- clean-up

    /** The probe always goes; the pool too, unless --keep-pool. */
    private void cleanUp() {
        try {
            if (events != null) {
                events.close();
            }
            if (probe != null) {
                probe.remove();
            }
            pool.leave(options.keepPool());
        } catch (Exception e) {
            System.err.println("clean-up failed; remove the containers labelled " + BenchSupport.LABEL + "=true: " + e);
        } finally {
            smtp.stop();
        }
    }
}
