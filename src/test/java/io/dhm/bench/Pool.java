package io.dhm.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle busybox containers for a monitor to watch: each sleeps forever (its shell traps SIGTERM, so a stop is quick),
 * has no network, and a healthcheck `true` at the given interval. They carry {@link BenchSupport#LABEL}=true and
 * {@code io.dhm.bench.pool=<name>}, are named {@code <name>-0001} and so on, and are created and removed
 * {@code parallel} at a time: one by one, a thousand would take far longer, and many more at once only queue up in
 * the engine.
 */
final class Pool {

    static final String POOL_LABEL = BenchSupport.LABEL + ".pool";
    private static final String SLEEP_FOREVER = "trap 'exit 0' TERM; sleep infinity & wait";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /** Beyond one healthcheck interval, how long the pool may take to be healthy before the runs measure anyway. */
    private static final Duration HEALTHY_SLACK = Duration.ofSeconds(60);

    private final DockerClient client;
    private final String name;
    private final Duration healthInterval;
    private final int parallel;

    Pool(DockerClient client, String name, Duration healthInterval, int parallel) {
        this.client = client;
        this.name = name;
        this.healthInterval = healthInterval;
        this.parallel = parallel;
    }

    /**
     * The pool a benchmark measures on: no other benchmark container (a probe or another benchmark's containers left
     * behind would be watched too), {@code size} running containers, all healthy or the wait given up.
     */
    void prepare(int size) throws Exception {
        System.err.println("== pool of " + size + " containers (healthcheck every " + healthInterval.toSeconds() + " s)");
        removeOthers();
        ensure(size);
        // A container's first check comes one interval after its start; until then it is "starting", and the first
        // results would land in the measurement windows. Waiting costs at most one interval after the last start.
        if (awaitHealthy(healthInterval.plus(HEALTHY_SLACK)) < size) {
            System.err.println("  pool: not all healthy; measuring anyway");
        }
    }

    /** At a benchmark's end: the pool stays for the next run with {@code keep} (--keep-pool), else it is removed. */
    void leave(boolean keep) throws Exception {
        if (keep) {
            System.err.println("  pool kept (--keep-pool): " + running().size() + " containers labelled " + POOL_LABEL
                    + "=" + name);
        } else {
            remove();
        }
    }

    /**
     * Exactly {@code size} running containers in the pool: the running ones are kept (a pool left by an earlier run is
     * reused), stopped ones and any beyond {@code size} are removed, and the missing ones created and started.
     * Returns how many were created.
     */
    int ensure(int size) throws Exception {
        List<Container> all = containers(true);
        List<Container> running = all.stream().filter(c -> "running".equals(c.getState()))
                .sorted(Comparator.comparing(c -> c.getNames()[0])).toList();
        List<Container> surplus = new ArrayList<>(all.stream().filter(c -> !"running".equals(c.getState())).toList());
        surplus.addAll(running.subList(Math.min(size, running.size()), running.size()));
        if (!surplus.isEmpty()) {
            remove(surplus.stream().map(Container::getId).toList(), "stopped or surplus pool containers");
        }
        int kept = Math.min(size, running.size());
        if (kept > 0) {
            System.err.println("  pool: reusing " + kept + " running containers labelled " + POOL_LABEL + "=" + name);
        }
        create(freeNames(all, size - kept));
        return size - kept;
    }

    /** The pool's running containers. */
    List<Container> running() {
        return containers(false);
    }

    /**
     * Until every running pool container is healthy, that is until the engine has run each one's first healthcheck
     * (one interval after its start), or {@code timeout}. Returns how many are healthy.
     */
    private int awaitHealthy(Duration timeout) throws InterruptedException {
        int size = running().size();
        long start = System.nanoTime();
        long nextProgress = start;
        while (true) {
            int healthy = client.listContainersCmd().withLabelFilter(labels())
                    .withFilter("health", List.of("healthy")).exec().size();
            long now = System.nanoTime();
            if (healthy >= size || now - start > timeout.toNanos()) {
                System.err.printf("  pool: %d of %d healthy after %.0f s%n", healthy, size, (now - start) / 1e9);
                return healthy;
            }
            if (now >= nextProgress) {
                System.err.printf("  pool: %d of %d healthy, waiting for their first healthcheck (every %d s)%n",
                        healthy, size, healthInterval.toSeconds());
                nextProgress = now + 3 * PROGRESS_EVERY.toNanos(); // a wait of up to an interval: every 30 s is enough
            }
            Thread.sleep(2000);
        }
    }

    /** Removes the pool's containers. */
    void remove() throws Exception {
        remove(containers(true).stream().map(Container::getId).toList(), "pool containers");
    }

    /** Force-removes every container with these labels, {@code parallel} at a time; returns how many. */
    static int removeLabelled(DockerClient client, Map<String, String> labels, int parallel) throws Exception {
        List<String> ids = client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec().stream()
                .map(Container::getId).toList();
        return new Pool(client, "", Duration.ZERO, parallel).remove(ids, "containers labelled " + labels);
    }

    /** Force-removes every benchmark container that is not in this pool (a probe or another pool left behind). */
    private int removeOthers() throws Exception {
        List<String> ids = client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(BenchSupport.LABEL, "true"))
                .exec().stream()
                .filter(c -> c.getLabels() == null || !name.equals(c.getLabels().get(POOL_LABEL)))
                .map(Container::getId).toList();
        return remove(ids, "leftover benchmark containers");
    }

    private List<Container> containers(boolean all) {
        return client.listContainersCmd().withShowAll(all).withLabelFilter(labels()).exec();
    }

    private Map<String, String> labels() {
        return Map.of(BenchSupport.LABEL, "true", POOL_LABEL, name);
    }

    /** {@code count} names {@code <name>-NNNN} that no container of the pool has. */
    private List<String> freeNames(List<Container> existing, int count) {
        Set<String> taken = new HashSet<>();
        existing.forEach(c -> taken.addAll(Arrays.stream(c.getNames()).map(n -> n.substring(1)).toList()));
        List<String> names = new ArrayList<>();
        for (int i = 1; names.size() < count; i++) {
            String candidate = String.format("%s-%04d", name, i);
            if (!taken.contains(candidate)) {
                names.add(candidate);
            }
        }
        return names;
    }

    private void create(List<String> names) throws Exception {
        if (names.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        Progress progress = new Progress("created and started", names.size(), start);
        inParallel(names.stream().map(n -> (Callable<Void>) () -> {
            String id = client.createContainerCmd(BenchSupport.IMAGE).withName(n).withLabels(labels())
                    .withCmd("sh", "-c", SLEEP_FOREVER)
                    .withHealthcheck(new HealthCheck().withTest(List.of("CMD", "true"))
                            .withInterval(healthInterval.toNanos()).withTimeout(TimeUnit.SECONDS.toNanos(30)))
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                    .exec().getId();
            client.startContainerCmd(id).exec();
            progress.done();
            return null;
        }).toList());
        System.err.printf("  pool: %d containers created and started in %.0f s (%d at a time)%n", names.size(),
                (System.nanoTime() - start) / 1e9, parallel);
    }

    private int remove(List<String> ids, String what) throws Exception {
        if (ids.isEmpty()) {
            return 0;
        }
        long start = System.nanoTime();
        Progress progress = new Progress("removed", ids.size(), start);
        inParallel(ids.stream().map(id -> (Callable<Void>) () -> {
            try {
                client.removeContainerCmd(id).withForce(true).exec();
            } catch (NotFoundException gone) {
                // removed meanwhile
            }
            progress.done();
            return null;
        }).toList());
        System.err.printf("  removed %d %s in %.0f s%n", ids.size(), what, (System.nanoTime() - start) / 1e9);
        return ids.size();
    }

    private void inParallel(List<Callable<Void>> tasks) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(parallel);
        try {
            for (Future<Void> done : workers.invokeAll(tasks)) {
                done.get(); // rethrows a failed call
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /** A progress line on stderr every 10 s while a long batch runs. */
    private static final class Progress {
        private final String what;
        private final int total;
        private final long start;
        private final AtomicInteger done = new AtomicInteger();
        private long nextLine;

        Progress(String what, int total, long start) {
            this.what = what;
            this.total = total;
            this.start = start;
            this.nextLine = start + PROGRESS_EVERY.toNanos();
        }

        void done() {
            int n = done.incrementAndGet();
            synchronized (this) {
                long now = System.nanoTime();
                if (now >= nextLine && n < total) {
                    System.err.printf("  pool: %d of %d %s (%.0f s)%n", n, total, what, (now - start) / 1e9);
                    nextLine = now + PROGRESS_EVERY.toNanos();
                }
            }
        }
    }
}
