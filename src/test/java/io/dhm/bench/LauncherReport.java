package io.dhm.bench;

import io.dhm.bench.LauncherBenchmark.Jvm;
import io.dhm.bench.LauncherBenchmark.Mode;
import io.dhm.bench.LauncherBenchmark.Round;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import static io.dhm.bench.PoolBenchmark.SETTLE;
import static io.dhm.bench.PoolBenchmark.WINDOW;

/**
 * The launcher benchmark's output on stdout: one Markdown table, a row per round and a median row per mode, with the
 * figures of the jar's own JVM, of the JVM it relaunches the monitor in (none with DHM_LAUNCHER=0) and their total;
 * then how they are measured and the machine.
 */
final class LauncherReport {

    private static final String NONE = "–";

    private final PoolBenchmark.Options options;
    private final String machine;

    LauncherReport(PoolBenchmark.Options options, String machine) {
        this.options = options;
        this.machine = machine;
    }

    void print(List<Round> rounds) {
        System.out.println();
        System.out.println("Launcher benchmark: " + options.pool() + " idle healthy containers (healthcheck every "
                + options.healthInterval().toSeconds() + " s), `java -jar " + options.jar().getFileName()
                + "` with the relaunch and with DHM_LAUNCHER=0, alternately");
        System.out.println();
        System.out.println("| mode | round | launch → ready | RSS 1st JVM | RSS 2nd JVM | RSS total | idle CPU 1st JVM "
                + "| idle CPU 2nd JVM | idle CPU total | CPU launch → window | load |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Mode mode : Mode.values()) {
            List<Round> ofMode = rounds.stream().filter(r -> r.mode() == mode).toList();
            ofMode.forEach(r -> System.out.println(row(mode, String.valueOf(r.number()), List.of(r), r.load())));
            System.out.println(row(mode, "**median**", ofMode, ""));
        }
        System.out.println();
        System.out.println("launch → ready: the benchmark's clock from ProcessBuilder.start() to GET /observe/health/ready "
                + "answering 200 (polled every 20 ms). Then " + SETTLE.toSeconds() + " s to settle and a "
                + WINDOW.toSeconds() + " s window: idle CPU is utime + stime of each JVM over the window, per 30 s; RSS "
                + "is VmRSS at the window's end (MiB); CPU launch → window is every JVM's utime + stime from its start "
                + "to the window's start (s). 1st JVM: the `java -jar` process; 2nd JVM: the monitor's own JVM it "
                + "relaunches (none with DHM_LAUNCHER=0). load: 1-minute load average at the window's start.");
        System.out.println(machine);
    }

    /** A row of {@code rounds} (one round, or the median of several). */
    private static String row(Mode mode, String round, List<Round> rounds, String load) {
        List<String> cells = new ArrayList<>(List.of(mode.label, round,
                String.format(Locale.ROOT, "%.2f s", median(rounds, Round::readySec))));
        cells.addAll(perJvm(mode, rounds, Jvm::rssMiB, "%.0f MiB"));
        cells.addAll(perJvm(mode, rounds, Jvm::idleCpu, "%.3f s"));
        cells.add(String.format(Locale.ROOT, "%.2f s", median(rounds, r -> r.total(Jvm::startCpu))));
        cells.add(load);
        return "| " + String.join(" | ", cells) + " |";
    }

    /** The 1st JVM's figure, the 2nd's (or none) and the total, each the median over the rounds. */
    private static List<String> perJvm(Mode mode, List<Round> rounds, ToDoubleFunction<Jvm> figure, String format) {
        List<String> cells = new ArrayList<>();
        for (int jvm = 0; jvm < 2; jvm++) {
            int index = jvm;
            cells.add(index < mode.jvms
                    ? String.format(Locale.ROOT, format, median(rounds, r -> figure.applyAsDouble(r.jvms().get(index))))
                    : NONE);
        }
        cells.add(String.format(Locale.ROOT, format, median(rounds, r -> r.total(figure))));
        return cells;
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
        return BenchSupport.median(rounds.stream().mapToDouble(figure).toArray());
    }
}
