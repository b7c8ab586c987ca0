package io.dhm.ops;

import org.apache.camel.cli.connector.DefaultCliConnectorFactory;
import org.apache.camel.cli.connector.LocalCliConnector;
import org.apache.camel.spi.CliConnector;
import org.apache.camel.spi.CliConnectorFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * camel-cli-connector's connector (what `camel ps`, `camel get ...` and `camel cmd ...` talk to), its status file
 * rewritten every second only while a Camel CLI uses it. Camel's connector collects every console into
 * ~/.camel/PID-status.json (some 600 KB on the monitor's 85 routes) every second, whether anyone looks or not. Here the
 * commands the CLI sends (PID-action.json) are still taken every second, but the status is rewritten as
 * {@link CliStatusSchedule} says: every second for a while after a CLI last read it or sent a command, else once a
 * minute. A CLI's read shows in the file's access time, which Linux updates on the first read after a write (relatime,
 * its default; with noatime only the commands count). The CLI finds the monitor only through a status in that file,
 * so the first is written at start.
 */
public final class OnDemandCliConnector extends LocalCliConnector {

    private final Path status;
    private final Path action;
    private final CliStatusSchedule schedule = new CliStatusSchedule(System::nanoTime);
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
            schedule.used();
        }
        super.actionTask();
    }

    /**
     * On a thread of its own, one at a time: the connector's own thread takes the CLI's commands and must not wait
     * behind a status, which takes tens of milliseconds of CPU (see {@link ManagedObjects}) and longer on a busy host.
     */
    @Override
    protected void statusTask() {
        if (readSinceWritten()) {
            schedule.used();
        }
        if (schedule.due() && collecting.compareAndSet(false, true)) {
            collector.execute(() -> {
                try {
                    FileTime before = modified();
                    super.statusTask();
                    // Camel drops a status when a console fails (logged at TRACE only), as the first one at start did when
                    // java -jar relaunched the monitor: until one is written the CLI cannot see the monitor, so a
                    // failed status is tried again the next second
                    if (!modified().equals(before)) {
                        schedule.written();
                    }
                } finally {
                    collecting.set(false);
                }
            });
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(status);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
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
}
