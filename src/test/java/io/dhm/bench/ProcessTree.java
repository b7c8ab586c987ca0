package io.dhm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of processes, read from /proc as top and ps read them: CPU is utime + stime (fields
 * 14 and 15 of /proc/&lt;pid&gt;/stat, all threads, in clock ticks) and memory is VmRSS of /proc/&lt;pid&gt;/status.
 * Only a live process's own time counts: the time of children it has reaped (cutime, cstime) is left out, so a
 * process tree is summed process by process.
 */
final class ProcessTree {

    /** Ticks per second of utime and stime: the script passes `getconf CLK_TCK`, else it is asked here. */
    static final long CLOCK_TICKS = clockTicks();

    private ProcessTree() {
    }

    /** The process and every descendant of it now (the jar's first JVM relaunches the monitor as its child). */
    static List<Long> withDescendants(long pid) {
        List<Long> pids = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(process -> process.descendants().forEach(child -> pids.add(child.pid())));
        return pids;
    }

    /** utime + stime of the process and its descendants, in clock ticks. */
    static long treeTicks(long pid) {
        return withDescendants(pid).stream().mapToLong(ProcessTree::ticks).sum();
    }

    /** VmRSS of the process and its descendants, summed, in KiB. */
    static long treeRssKiB(long pid) {
        return withDescendants(pid).stream().mapToLong(ProcessTree::rssKiB).sum();
    }

    /** utime + stime of one process in clock ticks; 0 once it has exited. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the command name in brackets may hold spaces: count fields after its closing bracket (fields[0] is field 3)
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException gone) {
            return 0;
        }
    }

    /** VmRSS of one process in KiB; 0 once it has exited (or for a kernel thread). */
    static long rssKiB(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
        } catch (IOException gone) {
            return 0;
        }
    }

    /** Clock ticks as seconds. */
    static double seconds(long ticks) {
        return ticks / (double) CLOCK_TICKS;
    }

    /** pid -> command line (arguments joined by spaces) of every process readable now. */
    static Map<Long, String> commandLines() throws IOException {
        Map<Long, String> all = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    commandLine(p).ifPresent(line -> all.put(Long.parseLong(name), line));
                }
            }
        }
        return all;
    }

    static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).trim();
        } catch (IOException gone) {
            return "";
        }
    }

    private static Optional<String> commandLine(Path procDir) {
        try {
            return Optional.of(
                    new String(Files.readAllBytes(procDir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

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
            // the usual value below
        }
        return 100;
    }
}
