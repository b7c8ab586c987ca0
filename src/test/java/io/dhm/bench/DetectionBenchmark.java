package io.dhm.bench;

import com.github.dockerjava.api.DockerClient;
import io.dhm.store.MemoryDatabase;
import io.dhm.config.SettingSources;
import io.dhm.check.CustomChecks;
import io.dhm.config.Settings;
import io.dhm.observe.Change;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Lifecycle;
import io.dhm.observe.Observer;
import io.dhm.observe.Transition;
import io.dhm.engine.ContainerView;
import io.dhm.engine.DockerGateway;
import io.dhm.observe.EngineEventStream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Benchmark, not a test (the name keeps surefire and failsafe away): what one poll cycle costs and how long the
 * event path takes to report a container that turned unhealthy, at 50 and at 500 containers on the engine named by
 * DOCKER_HOST. It drives the production DockerGateway, ContainerTracker, Observer and EngineEventStream in-process,
 * without Camel, so the numbers are the monitor's own. Run it with scripts/detection-benchmark.sh.
 */
public final class DetectionBenchmark {

    private static final int[] SIZES = {50, 500};
    private static final int WARMUP_POLLS = 5;
    private static final int TIMED_POLLS = 30;
    private static final int ROUNDS = 5;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int THREADS = 8;
    /** `true` once an hour: 500 containers do not load the engine with checks (see {@link #growTo}). */
    private static final Duration FILLER_HEALTH_INTERVAL = Duration.ofHours(1);
    private static final Duration FAST_POLL = Duration.ofSeconds(5); // the computed comparison besides the default

    private final DockerClient client; // setup only (create, exec, remove); the monitor uses its own gateway
    private final CountingGateway gateway;
    private final CustomChecks checks; // none declared: the monitor's poll path, unchanged views
    private final Duration defaultInterval;
    private final Pool fillers; // growing from 50 to 500 keeps the first 50

    private DetectionBenchmark(String dockerHost, Settings settings) {
        client = BenchSupport.dockerClient(dockerHost, 2 * THREADS, Duration.ofSeconds(60));
        fillers = new Pool(client, "dhm-bench", FILLER_HEALTH_INTERVAL, THREADS);
        gateway = new CountingGateway(settings);
        checks = new CustomChecks(settings.watch(), gateway, null, MemoryDatabase.create(), Clock.systemDefaultZone());
        defaultInterval = settings.pollInterval();
    }

    public static void main(String[] args) throws Exception {
        BenchSupport.quietLogging();
        String dockerHost = BenchSupport.dockerHost("scripts/detection-benchmark.sh");
        // Settings as the monitor builds them, from an empty directory: the bundled defaults plus DOCKER_HOST, so a
        // developer's application.properties or .env (SMTP and so on) neither applies nor can fail validation here.
        Path noOverrides = Files.createTempDirectory("dhm-bench-settings");
        Settings settings = Settings.from(SettingSources.load(noOverrides, Map.of("DOCKER_HOST", dockerHost)));
        Files.delete(noOverrides);

        DetectionBenchmark bench = new DetectionBenchmark(dockerHost, settings);
        BenchSupport.runAndExit(bench::run, () -> {
            bench.removeBenchContainers();
            bench.close();
        });
    }

    private int run() throws Exception {
        String machine = BenchSupport.machineLine(client);
        removeBenchContainers(); // leftovers of an interrupted run would skew the counts
        List<String> pollRows = new ArrayList<>();
        List<String> latencyRows = new ArrayList<>();
        for (int size : SIZES) {
            growTo(size);
            // A fresh tracker per size: each measurement starts as a monitor that has just started
            ContainerTracker tracker = new ContainerTracker();
            Observer observer = new Observer(gateway, tracker, new Lifecycle(), checks, Clock.systemDefaultZone(),
                    engine -> false);
            Poll poll = measurePoll(observer, size);
            pollRows.add(String.format("%10d %10.1f %8.1f %8.1f %15.1f %18.2f", size, BenchSupport.percentile(poll.ms, 50),
                    BenchSupport.percentile(poll.ms, 95), BenchSupport.percentile(poll.ms, 100), poll.callsPerPoll, BenchSupport.percentile(poll.reconcileMs, 50)));
            Latency latency = measureLatency(observer, tracker, size);
            double pollMedian = BenchSupport.percentile(poll.ms, 50);
            latencyRows.add(String.format("%10d %9.0f %7.0f %9.0f %7.0f %9.0f %7.0f %15.0f %11.0f", size,
                    BenchSupport.percentile(latency.faultToDetected, 50), BenchSupport.percentile(latency.faultToDetected, 100),
                    BenchSupport.percentile(latency.eventToDetected, 50), BenchSupport.percentile(latency.eventToDetected, 100),
                    BenchSupport.percentile(latency.faultToEvent, 50), BenchSupport.percentile(latency.faultToEvent, 100),
                    defaultInterval.toMillis() / 2.0 + pollMedian, FAST_POLL.toMillis() / 2.0 + pollMedian));
        }

        System.out.println();
        System.out.println(machine);
        System.out.println();
        System.out.println("Poll cycle = Observer.poll(): one list call + ContainerTracker.reconcile; "
                + WARMUP_POLLS + " warm-up, " + TIMED_POLLS + " timed, ms");
        System.out.println("(reconcile = poll minus the list call, which includes docker-java's decoding)");
        System.out.println("(fillers: a shell sleeping forever, --network none, healthcheck `true` every 1 h, so \"health: starting\")");
        System.out.println(String.format("%10s %10s %8s %8s %15s %18s", "containers", "median", "p95", "max", "API calls/poll",
                "reconcile median"));
        pollRows.forEach(System.out::println);
        System.out.println();
        System.out.println("Detection latency, event path (EngineEventStream -> Observer.onEvent), " + ROUNDS
                + " rounds; probe healthcheck every " + Probe.INTERVAL.toMillis()
                + " ms, retries 1; fault at 0, 100 ... 400 ms after a check; ms");
        System.out.println("containers = fillers (+1 probe while measuring latency)");
        System.out.println(String.format("%10s %17s %17s %17s %27s", "", "fault->detected", "event->detected",
                "engine's check", "poll-only avg (COMPUTED)"));
        System.out.println(String.format("%10s %9s %7s %9s %7s %9s %7s %15s %11s", "containers", "median", "max",
                "median", "max", "median", "max", defaultInterval.toSeconds() + " s (default)", FAST_POLL.toSeconds() + " s"));
        latencyRows.forEach(System.out::println);
        System.out.println();
        System.out.println("fault = `rm -f /tmp/ok` exec returned; event = engine's health_status time (Event.timeNano); "
                + "detected = UNHEALTHY transition out of Observer.onEvent.");
        System.out.println("engine's check = fault->event, the engine's own. Poll-only columns are COMPUTED, not measured: interval/2 + "
                + "median poll cycle, after the engine's own check.");
        System.out.println("Load average " + BenchSupport.loadAverage() + " at the end.");
        return 0;
    }

    private record Poll(double[] ms, double[] reconcileMs, double callsPerPoll) {
    }

    /** Times {@link Observer#poll(String)} after a warm-up, counting the engine requests it makes. */
    private Poll measurePoll(Observer observer, int size) {
        for (int i = 0; i < WARMUP_POLLS; i++) {
            observer.poll(ContainerView.SINGLE_ENGINE);
        }
        double[] ms = new double[TIMED_POLLS];
        double[] reconcileMs = new double[TIMED_POLLS];
        int callsBefore = gateway.calls.get();
        for (int i = 0; i < TIMED_POLLS; i++) {
            long listBefore = gateway.listNanos.get();
            long start = System.nanoTime();
            observer.poll(ContainerView.SINGLE_ENGINE);
            long total = System.nanoTime() - start;
            ms[i] = total / 1e6;
            reconcileMs[i] = (total - (gateway.listNanos.get() - listBefore)) / 1e6; // the monitor's own share
        }
        double callsPerPoll = (gateway.calls.get() - callsBefore) / (double) TIMED_POLLS;
        if (observer.monitoredCount() != size) {
            throw new IllegalStateException("tracker monitors " + observer.monitoredCount() + " containers, expected " + size);
        }
        return new Poll(ms, reconcileMs, callsPerPoll);
    }

    private record Seen(boolean healthy, long atNanos, long eventNanos) {
    }

    private record Latency(double[] faultToDetected, double[] eventToDetected, double[] faultToEvent) {
    }

    /** The engine's event time in nanoseconds since the epoch, as the latencies are measured. */
    private static long nanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    private Latency measureLatency(Observer observer, ContainerTracker tracker, int size) throws Exception {
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        AtomicReference<Probe> probe = new AtomicReference<>(); // read by the event thread
        CountDownLatch connected = new CountDownLatch(1);
        EngineEventStream stream = new EngineEventStream(gateway, event -> {
            try {
                List<Transition> transitions = observer.onEvent(event, null);
                long at = BenchSupport.epochNanos(); // detected: the transition has just come out of the observer
                if (probe.get() == null || !probe.get().id().equals(event.id())) {
                    return;
                }
                for (Transition t : transitions) {
                    if (t.change() == Change.RETURNED) {
                        tracker.resolved(t); // what the confirmation stage does when a container returns in time
                    } else if (t.change() == Change.UNHEALTHY) {
                        seen.add(new Seen(false, at, nanos(event.time())));
                    }
                }
                // The first healthy is unknown -> healthy, which is no transition: the processed event is the sign
                if ("health_status: healthy".equals(event.action())) {
                    seen.add(new Seen(true, at, nanos(event.time())));
                }
            } catch (RuntimeException e) {
                System.err.println("event " + event.action() + " failed: " + e);
            }
        }, () -> {
            observer.poll(ContainerView.SINGLE_ENGINE); // as in production: a full poll after every (re)connect
            connected.countDown();
        });
        stream.start();
        try {
            if (!connected.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("event stream did not connect");
            }
            // A probe of its own per size, started after the stream so its first healthy event proves the stream live
            probe.set(Probe.start(client, "dhm-bench-probe-" + size, Map.of()));

            double[] faultToDetected = new double[ROUNDS];
            double[] eventToDetected = new double[ROUNDS];
            double[] faultToEvent = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                next(seen, true);
                // Healthy is seen just after a check ran, so an immediate fault would always wait a full interval
                // for the next check. Spreading the fault over the interval (0, 100 ... 400 ms) samples the cycle.
                Thread.sleep(round * Probe.INTERVAL.toMillis() / ROUNDS);
                probe.get().fault();
                // T0 when the exec has returned: the file is certainly gone by then (it went a few ms earlier)
                long fault = BenchSupport.epochNanos();
                Seen detected = next(seen, false);
                faultToDetected[round] = (detected.atNanos - fault) / 1e6;
                eventToDetected[round] = (detected.atNanos - detected.eventNanos) / 1e6;
                faultToEvent[round] = (detected.eventNanos - fault) / 1e6;
                System.err.printf("  %d containers, round %d: fault->detected %.0f ms = engine %.0f ms + monitor %.0f ms%n",
                        size, round + 1, faultToDetected[round], faultToEvent[round], eventToDetected[round]);
                probe.get().repair();
            }
            next(seen, true);
            return new Latency(faultToDetected, eventToDetected, faultToEvent);
        } finally {
            stream.stop();
            if (probe.get() != null) {
                probe.get().remove(); // the next size brings its own probe
            }
        }
    }

    /** The next observation of the wanted kind, skipping others (a healthy seen twice, say). */
    private static Seen next(BlockingQueue<Seen> seen, boolean healthy) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Seen s = seen.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (s == null) {
                throw new IllegalStateException("probe not seen " + (healthy ? "healthy" : "unhealthy") + " within " + WAIT);
            }
            if (s.healthy == healthy) {
                return s;
            }
        }
    }

    /**
     * Filler containers up to {@code size}. Their healthcheck (`true`) runs once an hour, so 500 of them do not load
     * the engine with checks; the first check only comes after that hour, so they stay "(health: starting)" during the
     * run, which the monitor watches like any other status (start_interval would need engine API 1.44).
     */
    private void growTo(int size) throws Exception {
        fillers.ensure(size);
        int running = fillers.running().size();
        if (running != size) {
            throw new IllegalStateException(running + " filler containers running, expected " + size);
        }
    }

    /** Force-removes every container labelled io.dhm.bench=true, a pool kept by the pool benchmark included. */
    private void removeBenchContainers() {
        try {
            Pool.removeLabelled(client, Map.of(BenchSupport.LABEL, "true"), THREADS);
        } catch (Exception e) {
            System.err.println("could not remove the bench containers (label " + BenchSupport.LABEL + "=true): " + e);
        }
    }

    private void close() throws Exception {
        gateway.close();
        client.close();
    }

    /** The production gateway, counting the requests Observer can make, so API calls per poll are measured, not assumed. */
    private static final class CountingGateway extends DockerGateway {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicLong listNanos = new AtomicLong();

        CountingGateway(Settings settings) {
            super(settings);
        }

        @Override
        public List<ContainerView> listRunning() {
            calls.incrementAndGet();
            long start = System.nanoTime();
            try {
                return super.listRunning();
            } finally {
                listNanos.addAndGet(System.nanoTime() - start);
            }
        }

        @Override
        public Optional<ContainerView> inspect(String idOrName) {
            calls.incrementAndGet();
            return super.inspect(idOrName);
        }
    }
}
