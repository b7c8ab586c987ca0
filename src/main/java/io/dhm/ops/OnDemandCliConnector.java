package io.dhm.ops;

import org.apache.camel.cli.connector.DefaultCliConnectorFactory;
import org.apache.camel.cli.connector.LocalCliConnector;
import org.apache.camel.spi.CliConnector;
import org.apache.camel.spi.CliConnectorFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * camel-cli-connector's connector (what `camel ps`, `camel get ...` and `camel cmd ...` talk to), its status file
 * rewritten every second only while a Camel CLI uses it. Camel's connector collects every console into
 * ~/.camel/PID-status.json every second; on the monitor's 85 routes that costs about a third of a core, nearly all of it
 * in the route console's per-processor statistics and coverage (JMX calls for each processor of each route). Here the
 * commands the CLI sends (PID-action.json) are still taken every second, but the status is rewritten every second only
 * for {@link StatusSchedule#IN_USE} after a CLI last read it or sent a command, and every {@link StatusSchedule#AT_REST}
 * otherwise. A CLI's read shows in the file's access time, which Linux updates on the first read after a write
 * (relatime, its default; with noatime only the commands count).
 */
public final class OnDemandCliConnector extends LocalCliConnector {

    private final Path status;
    private final Path action;
    private final StatusSchedule schedule = new StatusSchedule();
    private final ExecutorService collector = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "CliConnectorStatus");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean collecting = new AtomicBoolean();

    private OnDemandCliConnector(CliConnectorFactory factory) {
        super(factory);
        // where LocalCliConnector puts its files
        Path folder = Path.of(System.getProperty("user.home"), ".camel");
        String pid = String.valueOf(ProcessHandle.current().pid());
        status = folder.resolve(pid + "-status.json");
        action = folder.resolve(pid + "-action.json");
    }

    /** The factory Camel asks for its connector, making this one; enabled or not as the setting says. */
    public static CliConnectorFactory factory(boolean enabled) {
        CliConnectorFactory factory = new DefaultCliConnectorFactory() {
            @Override
            public CliConnector createConnector() {
                return new OnDemandCliConnector(this);
            }
        };
        factory.setEnabled(enabled);
        return factory;
    }

    @Override
    protected void actionTask() {
        if (sizeOf(action) > 0) {
            schedule.used(System.nanoTime());
        }
        super.actionTask();
    }

    /**
     * On a thread of its own, one at a time: a status takes long on a busy host (seconds of wall time for the 85
     * routes), and the connector's own thread meanwhile takes the CLI's commands, which the CLI waits 5 s for.
     */
    @Override
    protected void statusTask() {
        long now = System.nanoTime();
        if (readSinceWritten()) {
            schedule.used(now);
        }
        if (schedule.due(now) && collecting.compareAndSet(false, true)) {
            schedule.written(now);
            collector.execute(() -> {
                try {
                    super.statusTask();
                } finally {
                    collecting.set(false);
                }
            });
        }
    }

    @Override
    protected void doStop() throws Exception {
        collector.shutdownNow();
        super.doStop();
    }

    /** Whether something read the status file after it was last written (its access time is the later). */
    private boolean readSinceWritten() {
        try {
            BasicFileAttributes file = Files.readAttributes(status, BasicFileAttributes.class);
            return file.lastAccessTime().compareTo(file.lastModifiedTime()) > 0;
        } catch (IOException gone) {
            return false;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return 0;
        }
    }

    /** When the status is rewritten: every round while a CLI uses it, else once per {@link #AT_REST}. */
    static final class StatusSchedule {

        static final Duration AT_REST = Duration.ofSeconds(60);
        static final Duration IN_USE = Duration.ofMinutes(2);

        private boolean everWritten;
        private long written;
        private boolean everUsed;
        private long used;

        void used(long nanos) {
            everUsed = true;
            used = nanos;
        }

        void written(long nanos) {
            everWritten = true;
            written = nanos;
        }

        boolean due(long nanos) {
            return !everWritten || nanos - written >= AT_REST.toNanos() || everUsed && nanos - used < IN_USE.toNanos();
        }
    }
}
