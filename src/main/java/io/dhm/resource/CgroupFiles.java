package io.dhm.resource;

import io.dhm.resource.KernelFiles.Fields;
import io.dhm.resource.KernelFiles.Keyed;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A container's cumulative counters read from the host's cgroup tree, the way the engine itself reads them for
 * {@code docker stats}, for both layouts and both cgroup drivers:
 * <ul>
 *   <li>v2 (one unified tree): {@code <root>/docker/<id>} (cgroupfs driver) or
 *       {@code <root>/system.slice/docker-<id>.scope} (systemd driver); {@code cpu.stat}, {@code memory.current},
 *       {@code memory.stat}, {@code memory.max}, {@code pids.current}, {@code io.stat};</li>
 *   <li>v1 (a tree per controller): the same two paths under {@code cpuacct}, {@code memory}, {@code pids} and
 *       {@code blkio}; {@code cpuacct.usage}, {@code memory.usage_in_bytes}, {@code memory.stat},
 *       {@code memory.limit_in_bytes}, {@code pids.current}, {@code blkio.throttle.io_service_bytes}.</li>
 * </ul>
 * Network counters are not in a cgroup: they come from {@code /proc/<pid>/net/dev} of a process of the container.
 */
final class CgroupFiles {

    enum Layout { V1, V2 }

    /** Cumulative counters of one container at one moment ({@code nanoTime} is the JVM's monotonic clock). */
    record Counters(long nanoTime, long cpuNanos, long memoryBytes, long memoryLimitBytes, long networkRxBytes,
                    long networkTxBytes, long blockReadBytes, long blockWriteBytes, long pids) {
    }

    private static final List<String> BLKIO_FILES = List.of("blkio.throttle.io_service_bytes_recursive",
            "blkio.throttle.io_service_bytes");

    private final Path root;
    private final Path proc;
    private final Layout layout;
    private final long hostMemory;
    private final LongSupplier nanoTime;
    /** Kernel files are read into it one at a time (see {@link #text}); memory.stat, the largest, holds about 1.5 KB. */
    private final KernelFiles files = new KernelFiles();
    /** Container id -> its directory under the tree: found once, not with two directory lookups per reading. */
    private final Map<String, String> dirs = new ConcurrentHashMap<>();

    private CgroupFiles(Path root, Path proc, Layout layout, long hostMemory, LongSupplier nanoTime) {
        this.root = root;
        this.proc = proc;
        this.layout = layout;
        this.hostMemory = hostMemory;
        this.nanoTime = nanoTime;
    }

    /**
     * The tree under {@code root} when it is one this class reads: v2 has {@code cgroup.controllers} at its root, v1 a
     * {@code memory} and a {@code cpuacct} tree. Empty otherwise (not mounted, not readable, another layout).
     */
    static Optional<CgroupFiles> at(Path root, Path proc) {
        return at(root, proc, System::nanoTime);
    }

    /** @param nanoTime when a reading is taken, in nanoseconds of a monotonic clock */
    static Optional<CgroupFiles> at(Path root, Path proc, LongSupplier nanoTime) {
        Layout layout;
        if (Files.isReadable(root.resolve("cgroup.controllers"))) {
            layout = Layout.V2;
        } else if (Files.isDirectory(root.resolve("memory")) && Files.isDirectory(root.resolve("cpuacct"))) {
            layout = Layout.V1;
        } else {
            return Optional.empty();
        }
        return hostMemory(proc).map(memory -> new CgroupFiles(root, proc, layout, memory, nanoTime));
    }

    Layout layout() {
        return layout;
    }

    Path root() {
        return root;
    }

    /** The counters of a container, or empty when its cgroup is not under this tree (another host, another parent). */
    Optional<Counters> read(String containerId) throws IOException {
        Optional<String> dir = dir(containerId);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        long now = nanoTime.getAsLong();
        return Optional.of(layout == Layout.V2 ? readV2(root.resolve(dir.get()), now) : readV1(dir.get(), now));
    }

    /** Whether the container's cgroup is under this tree. */
    boolean has(String containerId) {
        return dir(containerId).isPresent();
    }

    /** The container's directory, looked up once and then remembered (two directory lookups per reading otherwise). */
    private Optional<String> dir(String containerId) {
        String known = dirs.get(containerId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> found = containerDir(containerId);
        found.ifPresent(dir -> dirs.put(containerId, dir));
        return found;
    }

    /** Forgets the directories of containers no longer read. */
    void retain(Set<String> containerIds) {
        dirs.keySet().retainAll(containerIds);
    }

    /** Relative to the root (v2) or to each controller's tree (v1): the cgroupfs driver's path, else systemd's. */
    private Optional<String> containerDir(String id) {
        Path base = layout == Layout.V2 ? root : root.resolve("memory");
        for (String dir : List.of("docker/" + id, "system.slice/docker-" + id + ".scope")) {
            if (Files.isDirectory(base.resolve(dir))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private Counters readV2(Path dir, long now) throws IOException {
        long cpuNanos = 1000 * Keyed.required(files.text(dir.resolve("cpu.stat")), "usage_usec", "cpu.stat");
        long used = files.number(dir.resolve("memory.current")) - Keyed.value(files.text(dir.resolve("memory.stat")), "inactive_file", 0);
        String max = files.text(dir.resolve("memory.max")).trim();
        long limit = max.equals("max") ? hostMemory : Math.min(hostMemory, Long.parseLong(max));
        long[] io = ioStat(dir.resolve("io.stat"));
        long[] network = network(dir.resolve("cgroup.procs"));
        return new Counters(now, cpuNanos, Math.max(0, used), limit, network[0], network[1], io[0], io[1],
                files.number(dir.resolve("pids.current")));
    }

    private Counters readV1(String dir, long now) throws IOException {
        Path memory = root.resolve("memory").resolve(dir);
        String memoryStat = files.text(memory.resolve("memory.stat"));
        long inactive = Keyed.value(memoryStat, "total_inactive_file", Keyed.value(memoryStat, "inactive_file", 0));
        long used = files.number(memory.resolve("memory.usage_in_bytes")) - inactive;
        long limit = Math.min(hostMemory, files.number(memory.resolve("memory.limit_in_bytes")));
        long[] block = blkio(root.resolve("blkio").resolve(dir));
        long[] network = network(memory.resolve("cgroup.procs"));
        return new Counters(now, files.number(root.resolve("cpuacct").resolve(dir).resolve("cpuacct.usage")), Math.max(0, used),
                limit, network[0], network[1], block[0], block[1], files.numberOrZero(root.resolve("pids").resolve(dir).resolve("pids.current")));
    }

    /** v2 io.stat: one line per device, {@code 8:0 rbytes=... wbytes=... rios=... wios=...}. */
    private long[] ioStat(Path file) throws IOException {
        long[] readWrite = new long[2];
        String text;
        try {
            text = files.text(file);
        } catch (NoSuchFileException absent) {
            return readWrite; // no io controller for this cgroup
        }
        for (Fields fields = new Fields(text); fields.next(); ) {
            String field = fields.current();
            if (field.startsWith("rbytes=")) {
                readWrite[0] += Long.parseLong(field.substring(7));
            } else if (field.startsWith("wbytes=")) {
                readWrite[1] += Long.parseLong(field.substring(7));
            }
        }
        return readWrite;
    }

    /** v1 blkio: lines {@code 8:0 Read 4096}, {@code 8:0 Write 0}, ..., {@code Total 4096}; the recursive file first. */
    private long[] blkio(Path dir) throws IOException {
        long[] readWrite = new long[2];
        for (String name : BLKIO_FILES) {
            String text;
            try {
                text = files.text(dir.resolve(name));
            } catch (NoSuchFileException absent) {
                continue;
            }
            for (String line : KernelFiles.lines(text)) {
                Fields fields = new Fields(line);
                String device = fields.next() ? fields.current() : "";
                String operation = fields.next() ? fields.current() : "";
                if (!device.equals("Total") && fields.next()) {
                    if (operation.equalsIgnoreCase("read")) {
                        readWrite[0] += Long.parseLong(fields.current());
                    } else if (operation.equalsIgnoreCase("write")) {
                        readWrite[1] += Long.parseLong(fields.current());
                    }
                }
            }
            return readWrite;
        }
        return readWrite;
    }

    /**
     * Received and sent bytes of every interface but the loopback in the container's network namespace, as
     * {@code docker stats} counts them: {@code /proc/<pid>/net/dev} of its first process. Zero when that is not
     * readable (the monitor in a container without the host's pid namespace).
     */
    private long[] network(Path procs) throws IOException {
        long[] rxTx = new long[2];
        String pids = files.text(procs);
        int end = pids.indexOf('\n');
        String pid = (end < 0 ? pids : pids.substring(0, end)).trim();
        if (pid.isEmpty()) {
            return rxTx;
        }
        String dev;
        try {
            dev = files.text(proc.resolve(pid).resolve("net/dev"));
        } catch (NoSuchFileException | AccessDeniedException unreadable) {
            return rxTx;
        }
        for (String line : KernelFiles.lines(dev)) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.substring(0, colon).trim().equals("lo")) {
                continue; // the two header lines, and the loopback
            }
            Fields fields = new Fields(line.substring(colon + 1));
            for (int field = 0; field <= 8 && fields.next(); field++) {
                if (field == 0) {
                    rxTx[0] += Long.parseLong(fields.current()); // received bytes
                } else if (field == 8) {
                    rxTx[1] += Long.parseLong(fields.current()); // sent bytes
                }
            }
        }
        return rxTx;
    }

    /** MemTotal of {@code /proc/meminfo}: the limit `docker stats` shows for a container without one. */
    private static Optional<Long> hostMemory(Path proc) {
        try {
            for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Optional.of(1024 * Long.parseLong(line.substring(9).replace("kB", "").trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }


}
