package io.dhm.resource;

import io.dhm.ManualClock;
import io.dhm.engine.ContainerView;
import io.dhm.engine.FakeEngine;
import io.dhm.engine.Health;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readings from a cgroup tree built in the test, for the layouts the engine here does not run (v2, the systemd
 * driver's paths) and the one it does (v1, cgroupfs); ResourceIT compares the real ones with `docker stats`.
 */
class ResourceReaderTest {

    private static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final long GIB = 1L << 30;

    @TempDir
    Path root;
    @TempDir
    Path proc;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final FakeEngine engine = new FakeEngine();
    private final ContainerView container = new ContainerView(ID, "web", "img", null, null, null, true, Health.HEALTHY, "");

    private void file(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private ResourceReader reader() throws IOException {
        file(proc.resolve("meminfo"), "MemTotal:       8388608 kB\nMemFree:         1000 kB\n"); // 8 GiB
        file(proc.resolve("4242/net/dev"), """
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                    lo:     500       5    0    0    0     0          0         0      500       5    0    0    0     0       0          0
                  eth0:    1200      10    0    0    0     0          0         0      3400      20    0    0    0     0       0          0
                """);
        return new ResourceReader(engine, new ManualClock(Instant.parse("2026-01-01T10:00:00Z")),
                CgroupFiles.at(root, proc, nanos::get));
    }

    private void v2(String dir, long usageUsec, String max) throws IOException {
        Path cgroup = root.resolve(dir);
        file(root.resolve("cgroup.controllers"), "cpu io memory pids\n");
        file(cgroup.resolve("cpu.stat"), "usage_usec " + usageUsec + "\nuser_usec 1\nsystem_usec 1\n");
        file(cgroup.resolve("memory.current"), "314572800\n"); // 300 MiB, of which 100 MiB inactive page cache
        file(cgroup.resolve("memory.stat"), "anon 1\nfile 2\ninactive_file 104857600\nactive_file 3\n");
        file(cgroup.resolve("memory.max"), max + "\n");
        file(cgroup.resolve("pids.current"), "7\n");
        file(cgroup.resolve("io.stat"), "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n"
                + "8:16 rbytes=1 wbytes=2 rios=1 wios=1 dbytes=0 dios=0\n");
        file(cgroup.resolve("cgroup.procs"), "4242\n4243\n");
    }

    private void v1(String dir, long usageNanos) throws IOException {
        file(root.resolve("cpuacct").resolve(dir).resolve("cpuacct.usage"), usageNanos + "\n");
        Path memory = root.resolve("memory").resolve(dir);
        file(memory.resolve("memory.usage_in_bytes"), "314572800\n");
        file(memory.resolve("memory.stat"), "cache 200\ninactive_file 5\ntotal_inactive_file 104857600\n");
        file(memory.resolve("memory.limit_in_bytes"), "9223372036854771712\n"); // no limit
        file(memory.resolve("cgroup.procs"), "4242\n");
        file(root.resolve("pids").resolve(dir).resolve("pids.current"), "3\n");
        file(root.resolve("blkio").resolve(dir).resolve("blkio.throttle.io_service_bytes"),
                "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 0\n8:0 Async 0\n8:0 Total 12288\nTotal 12288\n");
    }

    @Test
    void cgroupV2WithTheSystemdDriverGivesWhatDockerStatsComputes() throws IOException {
        v2("system.slice/docker-" + ID + ".scope", 5_000_000, String.valueOf(GIB));
        ResourceReader reader = reader();
        assertTrue(reader.read(container).isEmpty(), "the first reading only starts the CPU count");

        nanos.addAndGet(2_000_000_000L); // 2 s later, 1.5 s of CPU used: 75 %
        file(root.resolve("system.slice/docker-" + ID + ".scope/cpu.stat"), "usage_usec 6500000\n");
        ResourceSample sample = reader.read(container).orElseThrow();
        assertEquals(75.0, sample.cpuPercent(), 0.001);
        assertEquals(200L << 20, sample.memoryBytes(), "current minus the inactive page cache");
        assertEquals(GIB, sample.memoryLimitBytes());
        assertEquals(100.0 * 200 / 1024, sample.memoryPercent(), 0.001);
        assertEquals(4097, sample.blockReadBytes());
        assertEquals(8194, sample.blockWriteBytes());
        assertEquals(7, sample.pids());
        assertEquals(1200, sample.networkRxBytes(), "every interface but lo");
        assertEquals(3400, sample.networkTxBytes());
    }

    @Test
    void cgroupV2WithTheCgroupfsDriverAndNoLimitTakesTheHostsMemory() throws IOException {
        v2("docker/" + ID, 0, "max");
        ResourceReader reader = reader();
        reader.read(container);
        nanos.addAndGet(1_000_000_000L);
        ResourceSample sample = reader.read(container).orElseThrow();
        assertEquals(0.0, sample.cpuPercent());
        assertEquals(8 * GIB, sample.memoryLimitBytes());
    }

    @Test
    void cgroupV1WithTheCgroupfsDriver() throws IOException {
        v1("docker/" + ID, 1_000_000_000L);
        ResourceReader reader = reader();
        assertTrue(reader.fromFiles(container), "sampled in turn, with no engine call");
        reader.read(container);
        nanos.addAndGet(1_000_000_000L);
        v1("docker/" + ID, 3_000_000_000L); // two CPUs busy for the whole second
        ResourceSample sample = reader.read(container).orElseThrow();
        assertEquals(200.0, sample.cpuPercent(), 0.001);
        assertEquals(200L << 20, sample.memoryBytes(), "total_inactive_file, as docker stats takes it on v1");
        assertEquals(8 * GIB, sample.memoryLimitBytes(), "no limit: the host's memory");
        assertEquals(4096, sample.blockReadBytes());
        assertEquals(8192, sample.blockWriteBytes());
        assertEquals(3, sample.pids());
    }

    @Test
    void aContainerNotInTheTreeOrATreeOfAnotherLayoutIsAskedOfTheEngine() throws IOException {
        v1("docker/another", 1);
        ResourceReader reader = reader();
        assertFalse(reader.fromFiles(container), "sampled beside the others on the stats pool");
        engine.run(new ContainerView(ID, "web", "img", null, null, null, true, Health.HEALTHY, ""));
        engine.stats(ID, 42.0);
        assertEquals(42.0, reader.read(container).orElseThrow().cpuPercent(), 0.001, "from the engine at once");

        Files.writeString(root.resolve("cgroup.controllers"), ""); // now a v2 tree whose files are not there
        assertTrue(CgroupFiles.at(root, proc).isPresent());
        assertEquals(Optional.empty(), CgroupFiles.at(root.resolve("nothing"), proc), "no tree at all");
    }

    @Test
    void aFileWithoutTheCounterIsNotReadAsZero() throws IOException {
        v2("docker/" + ID, 1, "max");
        file(root.resolve("docker/" + ID + "/cpu.stat"), "user_usec 1\n");
        ResourceReader reader = reader();
        engine.run(new ContainerView(ID, "web", "img", null, null, null, true, Health.HEALTHY, ""));
        engine.stats(ID, 12.5);
        assertEquals(12.5, reader.read(container).orElseThrow().cpuPercent(), 0.001, "the engine's reading, not a zero");
    }
}
