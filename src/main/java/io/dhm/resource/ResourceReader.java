package io.dhm.resource;

import io.dhm.engine.ContainerView;
import io.dhm.engine.Engine;
import io.dhm.engine.StatsReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a container's resource sample comes from. With the engine on this host and its cgroup tree readable, from the
 * cgroup files: no engine call, and the CPU % from this reading and the previous one of the monitor's own schedule (so
 * a container's first reading gives no sample). Otherwise, or for a container whose cgroup is not in the tree, from the
 * engine's one-shot stats, which make the engine read the cgroup twice a second apart. The log says which, once.
 */
public final class ResourceReader {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceReader.class);

    private final Engine engine;
    private final Clock clock;
    private final Optional<CgroupFiles> cgroups;
    private final Map<String, CgroupFiles.Counters> previous = new ConcurrentHashMap<>();
    private final AtomicBoolean fallbackLogged = new AtomicBoolean();

    ResourceReader(Engine engine, Clock clock, Optional<CgroupFiles> cgroups) {
        this.engine = engine;
        this.clock = clock;
        this.cgroups = cgroups;
    }

    /**
     * The cgroup files under {@code cgroupRoot} when the engine is reached through a unix socket (so on this host) and
     * the tree is one {@link CgroupFiles} reads; the engine's stats otherwise.
     */
    public static ResourceReader choose(Engine engine, Clock clock, Optional<Path> cgroupRoot) {
        if (cgroupRoot.isEmpty()) {
            LOG.info("Resource readings: from the engine's stats API (CGROUP_ROOT is empty)");
            return new ResourceReader(engine, clock, Optional.empty());
        }
        if (engine.members().stream().noneMatch(member -> member.dockerHost().startsWith("unix://"))) {
            LOG.info("Resource readings: from the engine's stats API (the engine at {} may be on another host)",
                    engine.dockerHost());
            return new ResourceReader(engine, clock, Optional.empty());
        }
        Optional<CgroupFiles> files = CgroupFiles.at(cgroupRoot.get(), Path.of("/proc"));
        if (files.isEmpty()) {
            LOG.info("Resource readings: from the engine's stats API ({} is not a cgroup v1 or v2 tree this monitor can read)",
                    cgroupRoot.get());
        } else {
            LOG.info("Resource readings: from the cgroup files under {} (cgroup {}), no engine call", cgroupRoot.get(),
                    files.get().layout() == CgroupFiles.Layout.V2 ? "v2" : "v1");
        }
        return new ResourceReader(engine, clock, files);
    }

    /** Whether the container is read from the cgroup files (no engine call) rather than the engine's stats API. */
    boolean fromFiles(ContainerView container) {
        return cgroups.isPresent() && cgroups.get().has(container.id());
    }

    /** A sample of the container, or empty when there is none yet (a first cgroup reading) or the engine did not answer. */
    public Optional<ResourceSample> read(ContainerView container) {
        if (cgroups.isPresent()) {
            try {
                Optional<CgroupFiles.Counters> counters = cgroups.get().read(container.id());
                if (counters.isPresent()) {
                    return sinceLast(container.id(), counters.get());
                }
                fallBack(container, "its cgroup is not under " + cgroups.get().root()
                        + " (an engine on another host, or another cgroup parent)");
            } catch (IOException | RuntimeException e) {
                fallBack(container, "its cgroup files cannot be read: " + e.getMessage());
            }
        }
        return engine.stats(container.id()).map(stats -> ResourceSample.of(stats, clock.instant()));
    }

    /** Forgets the previous readings of containers no longer sampled. */
    void retain(Set<String> containerIds) {
        previous.keySet().retainAll(containerIds);
        cgroups.ifPresent(files -> files.retain(containerIds));
    }

    private Optional<ResourceSample> sinceLast(String id, CgroupFiles.Counters now) {
        CgroupFiles.Counters before = previous.put(id, now);
        if (before == null || now.nanoTime() <= before.nanoTime()) {
            return Optional.empty();
        }
        double cpu = Math.max(0, 100.0 * (now.cpuNanos() - before.cpuNanos()) / (now.nanoTime() - before.nanoTime()));
        return Optional.of(ResourceSample.of(new StatsReading(cpu, now.memoryBytes(), now.memoryLimitBytes(),
                now.networkRxBytes(), now.networkTxBytes(), now.blockReadBytes(), now.blockWriteBytes(), now.pids()),
                clock.instant()));
    }

    private void fallBack(ContainerView container, String why) {
        if (fallbackLogged.compareAndSet(false, true)) {
            LOG.warn("Resource readings: {} [{}]: {}; its readings (and those of any other such container) come from "
                    + "the engine's stats API", container.displayName(), container.projectLabel(), why);
        }
    }
}
