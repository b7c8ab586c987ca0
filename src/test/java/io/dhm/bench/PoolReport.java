package io.dhm.bench;

import io.dhm.bench.PoolBenchmark.Idle;
import io.dhm.bench.PoolBenchmark.Options;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.dhm.bench.PoolBenchmark.ALERT_ROUNDS;
import static io.dhm.bench.PoolBenchmark.ALERT_SETTINGS;
import static io.dhm.bench.PoolBenchmark.CONFIRM_WAIT;
import static io.dhm.bench.PoolBenchmark.HEAL_ROUNDS;
import static io.dhm.bench.PoolBenchmark.HEAL_SETTINGS;
import static io.dhm.bench.PoolBenchmark.LOG_POLL;
import static io.dhm.bench.PoolBenchmark.PER;
import static io.dhm.bench.PoolBenchmark.READY_POLL;
import static io.dhm.bench.PoolBenchmark.SETTLE;
import static io.dhm.bench.PoolBenchmark.WARM_UPS;
import static io.dhm.bench.PoolBenchmark.WINDOW;

/**
 * The pool benchmark's output on stdout: one Markdown table (Figure | Measured | Target | met?), a line on how each
 * figure is measured, the machine line and any phase that failed. A figure whose phase failed reads "failed".
 */
final class PoolReport {

    private static final String FAILED = "failed (see stderr)";

    private record Row(String figure, String measured, String target, String met) {
    }

    private final Options options;
    private final String machine;
    private final List<Row> rows = new ArrayList<>();

    PoolReport(Options options, String machine) {
        this.options = options;
        this.machine = machine;
    }

    void print(Idle a, Idle b, double[] lateness, double[] crashLateness, double[] heal, double[] peer,
               List<String> failures) throws Exception {
        startUp(a);
        alerts(lateness);
        crashAlerts(crashLateness);
        resources(a, b);
        heal(heal, peer);
        System.out.println();
        System.out.println("Pool benchmark: " + options.pool() + " idle healthy containers (healthcheck every "
                + options.healthInterval().toSeconds() + " s), the packaged jar run as `java -jar target/docker-health-monitor.jar`"
                + (a == null ? "" : "; run A watched " + a.watched() + " containers"));
        System.out.println();
        printTable();
        System.out.println();
        explanations(a).forEach(System.out::println);
        System.out.println();
        System.out.println(machine);
        System.out.println("Load average " + BenchSupport.loadAverage() + " at the end.");
        failures.forEach(failure -> System.out.println("FAILED: " + failure));
    }

    private void startUp(Idle a) {
        rows.add(a == null ? failed("launch -> \"Watching\" log line", "< 3 s")
                : row("launch -> \"Watching\" log line", seconds(a.watchingSec(), 2), "< 3 s", a.watchingSec() < 3));
        rows.add(a == null ? failed("launch -> readiness UP", "< 3 s")
                : row("launch -> readiness UP", seconds(a.readySec(), 2), "< 3 s", a.readySec() < 3));
    }

    private void alerts(double[] lateness) {
        String figure = "confirmed CRITICAL leaves after the wait ends (median / max)";
        rows.add(lateness == null ? failed(figure, "< 0.25 s")
                : row(figure, seconds(BenchSupport.median(lateness), 3) + " / " + seconds(max(lateness), 3), "< 0.25 s",
                max(lateness) < 0.25));
    }

    private void crashAlerts(double[] lateness) {
        String figure = "confirmed CRITICAL after a crash (die event, no health check) leaves after the wait (median / max)";
        rows.add(lateness == null ? failed(figure, "median < 0.25 s")
                : row(figure, seconds(BenchSupport.median(lateness), 3) + " / " + seconds(max(lateness), 3),
                "median < 0.25 s", BenchSupport.median(lateness) < 0.25));
    }

    private void resources(Idle a, Idle b) {
        rows.add(a == null ? failed("monitor RSS after start-up", "< 256 MB")
                : row("monitor RSS after start-up", String.format(Locale.ROOT, "%.0f MB", a.rssMiB()), "< 256 MB",
                a.rssMiB() < 256));
        rows.add(a == null ? failed("monitor idle CPU, sampling on (STATS_INTERVAL_SEC=15), per 30 s", "< 0.3 s")
                : row("monitor idle CPU, sampling on (STATS_INTERVAL_SEC=15), per 30 s", seconds(a.monitorCpu(), 3),
                "< 0.3 s", a.monitorCpu() < 0.3));
        rows.add(b == null ? failed("monitor idle CPU, sampling off (STATS_INTERVAL_SEC=0), per 30 s", "< 0.15 s")
                : row("monitor idle CPU, sampling off (STATS_INTERVAL_SEC=0), per 30 s", seconds(b.monitorCpu(), 3),
                "< 0.15 s", b.monitorCpu() < 0.15));
        String figure = "extra engine CPU caused by sampling (on - off), per 30 s";
        if (a == null || b == null) {
            rows.add(failed(figure, "< 0.3 s"));
        } else {
            double extra = a.engineCpu() - b.engineCpu();
            rows.add(row(figure, String.format(Locale.ROOT, "%.3f s (%.3f - %.3f)", extra, a.engineCpu(), b.engineCpu()),
                    "< 0.3 s", extra < 0.3));
        }
    }

    private void heal(double[] heal, double[] peer) {
        String figure = "unhealthy event -> restart, auto-heal (AUTOHEAL_WAIT_SEC=0): median / max";
        String target = "median < 150 ms, max < 300 ms";
        rows.add(heal == null ? failed(figure, target)
                : row(figure, millis(heal), target, BenchSupport.median(heal) < 150 && max(heal) < 300));
        String peerFigure = "the same for the peer (--peer)";
        if (options.peer() == null) {
            rows.add(new Row(peerFigure, "not run (no --peer)", "(for comparison)", "-"));
        } else {
            rows.add(new Row(peerFigure, peer == null ? FAILED : millis(peer), "(for comparison)", "-"));
        }
    }

    private void printTable() {
        int[] widths = {6, 8, 6, 4};
        for (Row r : rows) {
            widths[0] = Math.max(widths[0], r.figure().length());
            widths[1] = Math.max(widths[1], r.measured().length());
            widths[2] = Math.max(widths[2], r.target().length());
        }
        String format = "| %-" + widths[0] + "s | %-" + widths[1] + "s | %-" + widths[2] + "s | %-" + widths[3] + "s |%n";
        System.out.printf(format, "Figure", "Measured", "Target", "met?");
        System.out.printf(format, "-".repeat(widths[0]), "-".repeat(widths[1]), "-".repeat(widths[2]), "-".repeat(widths[3]));
        rows.forEach(r -> System.out.printf(format, r.figure(), r.measured(), r.target(), r.met()));
    }

    private List<String> explanations(Idle a) {
        return List.of(
                "Each monitor: the packaged jar as a process, `java -jar` with no JVM option (its first JVM relaunches the "
                        + "monitor as a child JVM; both are counted), in a fresh temporary working directory, the README's "
                        + "defaults plus mail to an in-process SMTP server on 127.0.0.1 and a free HTTP_PORT.",
                "Start-up (run A): the benchmark's clock from ProcessBuilder.start() to the \"Watching N running containers\" "
                        + "line in console.log (polled every " + LOG_POLL.toMillis() + " ms) and to GET "
                        + "/observe/health/ready answering 200 (polled every " + READY_POLL.toMillis() + " ms).",
                "RSS: VmRSS of the jar's process and its descendants, summed, at the end of run A's window (MB = 2^20 bytes).",
                "Idle CPU: utime + stime from /proc/<pid>/stat of the same processes over a " + WINDOW.toSeconds()
                        + " s window after " + SETTLE.toSeconds() + " s settling past readiness, given per "
                        + PER.toSeconds() + " s; run A at the defaults (STATS_INTERVAL_SEC=15), run B with "
                        + "STATS_INTERVAL_SEC=0, each a fresh monitor.",
                "Engine CPU: the same reading for dockerd, its containerd and every containerd-shim-runc-v2 of the sandbox "
                        + "engine (" + (a == null ? "?" : a.engineProcesses()) + " processes) over the same windows; the extra is run A's minus run B's, and it includes the noise of the "
                        + "pool's own healthchecks (" + options.pool() + " every " + options.healthInterval().toSeconds()
                        + " s in both runs).",
                "Alert lateness (run C, " + settings(ALERT_SETTINGS) + "): " + WARM_UPS + " warm-up and " + ALERT_ROUNDS
                        + " rounds on a probe (healthcheck `test -f /tmp/ok` every 500 ms, retries 1): `rm /tmp/ok`, the "
                        + "engine's `health_status: unhealthy` event time, then the CRITICAL mail about the probe polled every "
                        + "10 ms; lateness = mail seen - (event time + " + CONFIRM_WAIT.toSeconds() + " s). Met on the max.",
                "Crash alert lateness (run C', the same settings, a monitor of its own): " + WARM_UPS + " warm-up and "
                        + ALERT_ROUNDS + " rounds on a container without a health check that exits with code 3 when "
                        + "/tmp/exit appears (no restart policy): the engine's `die` event time, then the CRITICAL "
                        + "\"Exited with code 3\" mail polled every 10 ms; lateness = mail seen - (die time + "
                        + CONFIRM_WAIT.toSeconds() + " s); `docker start` and the INFO recovery end each round. Met on the median.",
                "Auto-heal (run D, " + settings(HEAL_SETTINGS) + "): " + WARM_UPS + " warm-up and " + HEAL_ROUNDS
                        + " rounds on the probe, labelled autoheal=true; the engine's `kill` event of the restart minus its "
                        + "`health_status: unhealthy` event, both engine timestamps. Faults come 0-"
                        + HealRounds.FAULT_SPREAD.toSeconds() + " s after the probe is healthy again (stratified, the same "
                        + "for the peer). Run C and D are separate monitors: a restart would end run C's alert episode.",
                "Peer: `bash <PATH> autoheal` (docker-autoheal's entrypoint) with DOCKER_SOCK=<the engine's socket>, "
                        + "AUTOHEAL_CONTAINER_LABEL=autoheal, AUTOHEAL_INTERVAL=5, AUTOHEAL_START_PERIOD=0, alone on the "
                        + "engine, the same rounds.");
    }

    private static String settings(Map<String, String> settings) {
        return new TreeMap<>(settings).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static Row row(String figure, String measured, String target, boolean met) {
        return new Row(figure, measured, target, met ? "yes" : "NO");
    }

    private static Row failed(String figure, String target) {
        return new Row(figure, FAILED, target, "?");
    }

    private static String seconds(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f s", value);
    }

    private static String millis(double[] ms) {
        return String.format(Locale.ROOT, "%.0f ms / %.0f ms", BenchSupport.median(ms), max(ms));
    }

    private static double max(double[] values) {
        return BenchSupport.percentile(values, 100);
    }
}
