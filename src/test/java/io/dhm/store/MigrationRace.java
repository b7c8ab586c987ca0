package io.dhm.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Two instances starting at the same moment on one database, as a pair does: each migrates it at once. */
public final class MigrationRace {

    private MigrationRace() {
    }

    /** Runs {@link Schema#migrate} on both at once; what each applied, or the first failure. */
    public static List<Integer> run(Database first, Database second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> migrations = new ArrayList<>();
            for (Database database : List.of(first, second)) {
                migrations.add(() -> {
                    start.await();
                    return Schema.migrate(database);
                });
            }
            List<Integer> applied = new ArrayList<>();
            for (Future<Integer> migration : instances.invokeAll(migrations)) {
                applied.add(migration.get());
            }
            return applied;
        } finally {
            instances.shutdownNow();
        }
    }
}
