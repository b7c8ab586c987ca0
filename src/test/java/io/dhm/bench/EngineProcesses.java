package io.dhm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sandbox engine's processes and their CPU time: its dockerd (the pid file scripts/sandbox-engine.sh writes in
 * DHM_ENGINE_DIR), the containerd that dockerd runs and one containerd-shim-runc-v2 per container (both found by
 * their command line, which names the engine's exec root). The shims are not dockerd's descendants (a shim leaves its
 * parent when it starts), hence the search. What the containers' own processes use is not counted.
 */
final class EngineProcesses {

    private final Path engineDir;
    private final long dockerd;

    private EngineProcesses(Path engineDir, long dockerd) {
        this.engineDir = engineDir;
        this.dockerd = dockerd;
    }

    /** The engine under DHM_ENGINE_DIR (scripts/sandbox-engine.sh's default when unset). */
    static EngineProcesses ofEnvironment() throws IOException {
        String dir = System.getenv("DHM_ENGINE_DIR");
        Path engineDir = Path.of(dir == null || dir.isBlank() ? "/tmp/dhm-engine" : dir).toAbsolutePath().normalize();
        return new EngineProcesses(engineDir, dockerdPid(engineDir));
    }

    /**
     * The engine's processes now: dockerd first. Taken once before a window, so that the /proc scan (thousands of
     * processes with a large pool) happens outside it; a container created or removed within the window would be
     * missed, and none is.
     */
    List<Long> pids() throws IOException {
        String marker = engineDir.resolve("exec").resolve("containerd") + "/";
        List<Long> others = ProcessTree.commandLines().entrySet().stream()
                .filter(e -> e.getKey() != dockerd && e.getValue().contains(marker))
                .map(Map.Entry::getKey).sorted().toList();
        return Stream.concat(Stream.of(dockerd), others.stream()).toList();
    }

    /** utime + stime of these processes now, summed, in clock ticks. */
    static long ticks(List<Long> pids) {
        return pids.stream().mapToLong(ProcessTree::ticks).sum();
    }

    Path engineDir() {
        return engineDir;
    }

    long dockerd() {
        return dockerd;
    }

    /** The pid file's dockerd, else the dockerd whose command line names the engine's directory. */
    private static long dockerdPid(Path engineDir) throws IOException {
        Path pidFile = engineDir.resolve("docker.pid");
        if (Files.isReadable(pidFile)) {
            String pid = Files.readString(pidFile).replaceAll("\\D", "");
            if (!pid.isEmpty() && "dockerd".equals(ProcessTree.comm(Long.parseLong(pid)))) {
                return Long.parseLong(pid);
            }
        }
        return ProcessTree.commandLines().entrySet().stream()
                .filter(e -> e.getValue().startsWith("dockerd") || e.getValue().contains("/dockerd "))
                .filter(e -> e.getValue().contains(engineDir.toString()))
                .mapToLong(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalStateException("no dockerd of " + engineDir + " found"));
    }
}
