package io.dhm.bench;

import com.github.dockerjava.api.DockerClient;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static io.dhm.bench.PoolBenchmark.READY_POLL;
import static io.dhm.bench.PoolBenchmark.SETTLE;
import static io.dhm.bench.PoolBenchmark.START_TIMEOUT;
import static io.dhm.bench.PoolBenchmark.WINDOW;

/**
 * Benchmark, not a test (the name keeps surefire and failsafe away): what the jar's relaunch costs and buys
 * (io.dhm.launch.Launcher). On the pool benchmark's pool of N idle healthy containers ({@link Pool}), the packaged
 * jar is run as the README runs it ({@link MonitorProcess}, with the pool benchmark's environment: the defaults, so
 * resource sampling on, and mail to an in-process SMTP server) R times in each of two modes, alternately: the
 * relaunch (the default: a first JVM that starts the monitor in a second, tuned one and waits) and
 * {@code DHM_LAUNCHER=0} (the monitor in the first JVM, with the JVM's own defaults). Each round gives launch to
 * readiness UP, then after settling the CPU of every JVM of the launch over the window (per 30 s), each one's RSS at
 * its end, and the CPU they spent from the launch to the window's start. Run it with
 * {@code scripts/benchmark.sh --launcher [--pool N] [--rounds R] [--health-interval SEC] [--keep-pool] [--jar PATH]}.
 */
public final class LauncherBenchmark {

    static final String USAGE = "usage: scripts/benchmark.sh --launcher [--pool N] [--rounds R] [--health-interval SEC] "
            + "[--keep-pool] [--jar PATH]";

    /** The two ways a plain {@code java -jar} can run the monitor, and how many JVMs each one starts. */
    enum Mode {
        RELAUNCH("relaunch (default)", Map.of(), 2),
        ONE_JVM("DHM_LAUNCHER=0", Map.of("DHM_LAUNCHER", "0"), 1);

        final String label;
        final Map<String, String> settings;
        final int jvms;

        Mode(String label, Map<String, String> settings, int jvms) {
            this.label = label;
            this.settings = settings;
            this.jvms = jvms;
        }
    }

    /** One JVM of a launch: RSS at the window's end (MiB), idle CPU (s per 30 s), CPU from launch to the window (s). */
    record Jvm(long pid, double rssMiB, double idleCpu, double startCpu) {
    }

    /** One launch; {@code jvms} the jar's own process first. */
    record Round(Mode mode, int number, double readySec, List<Jvm> jvms, String load) {

        double total(ToDoubleFunction<Jvm> figure) {
            return jvms.stream().mapToDouble(figure).sum();
        }
    }

    private final PoolBenchmark.Options options;
    private final int rounds;
    private final String dockerHost;
    private final DockerClient client;
    private final Pool pool;
    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private LauncherBenchmark(PoolBenchmark.Options options, int rounds, String dockerHost) {
        this.options = options;
        this.rounds = rounds;
        this.dockerHost = dockerHost;
        client = BenchSupport.dockerClient(dockerHost, 2 * PoolBenchmark.PARALLEL, Duration.ofSeconds(60));
        pool = new Pool(client, PoolBenchmark.POOL_NAME, options.healthInterval(), PoolBenchmark.PARALLEL);
    }

    public static void main(String[] args) throws Exception {
        BenchSupport.quietLogging();
        String dockerHost = BenchSupport.dockerHost("scripts/benchmark.sh --launcher");
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        int rounds;
        PoolBenchmark.Options options;
        try {
            rounds = takeRounds(rest);
            options = PoolBenchmark.Options.parse(rest.toArray(String[]::new));
            if (options.peer() != null) {
                throw new IllegalArgumentException("--peer belongs to the pool benchmark");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        LauncherBenchmark bench = new LauncherBenchmark(options, rounds, dockerHost);
        BenchSupport.runAndExit(bench::run, () -> {
            bench.pool.leave(options.keepPool());
            bench.smtp.stop();
        });
    }

    /** Removes {@code --rounds R} from the arguments and returns R (3 without it). */
    private static int takeRounds(List<String> args) {
        int at = args.indexOf("--rounds");
        if (at < 0) {
            return 3;
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException("--rounds needs a value");
        }
        int rounds = Integer.parseInt(args.get(at + 1));
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        args.subList(at, at + 2).clear();
        return rounds;
    }

    private int run() throws Exception {
        String machine = BenchSupport.machineLine(client);
        System.err.println("  class archive beside the jar: " + classArchives());
        pool.prepare(options.pool());
        smtp.start();
        List<Round> all = new ArrayList<>();
        for (int n = 1; n <= rounds; n++) {
            for (Mode mode : Mode.values()) { // alternately, so that a drift of the machine's load hits both
                all.add(round(mode, n));
            }
        }
        new LauncherReport(options, machine).print(all);
        return 0;
    }

    /** One launch: readiness, settling, then every JVM's CPU over the window and its RSS at the end. */
    private Round round(Mode mode, int number) throws Exception {
        System.err.println("== " + mode.label + ", round " + number);
        Map<String, String> environment = PoolBenchmark.environment(dockerHost, smtp, mode.settings);
        try (MonitorProcess monitor = MonitorProcess.start(options.jar(), mode.name().toLowerCase() + "-" + number,
                environment)) {
            double ready = (monitor.awaitReady(START_TIMEOUT, READY_POLL) - monitor.launchedNanos()) / 1e9;
            PoolBenchmark.sleepAlive(monitor, SETTLE);
            List<Long> pids = ProcessTree.withDescendants(monitor.pid());
            if (pids.size() != mode.jvms) {
                throw new IllegalStateException(mode.label + " should run " + mode.jvms + " JVM(s), found processes " + pids);
            }
            String load = BenchSupport.loadAverage();
            long[] ticks0 = pids.stream().mapToLong(ProcessTree::ticks).toArray();
            long t0 = System.nanoTime();
            PoolBenchmark.sleepAlive(monitor, WINDOW);
            double window = (System.nanoTime() - t0) / 1e9;
            List<Jvm> jvms = new ArrayList<>();
            for (int i = 0; i < pids.size(); i++) {
                long pid = pids.get(i);
                jvms.add(new Jvm(pid, ProcessTree.rssKiB(pid) / 1024.0,
                        PoolBenchmark.per30(ProcessTree.ticks(pid) - ticks0[i], window), ProcessTree.seconds(ticks0[i])));
            }
            monitor.checkAlive("the end of the window");
            Round round = new Round(mode, number, ready, jvms, load);
            System.err.printf("  ready after %.2f s; RSS %.0f MiB, idle CPU %.3f s per 30 s, CPU to settle %.2f s, "
                    + "%d JVM(s)%n", ready, round.total(Jvm::rssMiB), round.total(Jvm::idleCpu),
                    round.total(Jvm::startCpu), jvms.size());
            return round;
        }
    }

    /** The class-data archives beside the jar (mvn package makes one; without it the first relaunch records it). */
    private String classArchives() throws IOException {
        Path jar = options.jar();
        String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> archives = Files.newDirectoryStream(jar.getParent(), base + "-*.jsa")) {
            archives.forEach(archive -> names.add(archive.getFileName().toString()));
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
