package io.dhm.store;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether DATA_DIR can take the monitor's writes: it is writable, has at least {@link #MIN_FREE_BYTES} free, and
 * refused no write since it last looked fine. While it cannot, readiness is DOWN naming the folder and its free
 * space, and what could not be stored waits in memory: the confirm route retries it, and the stores told through
 * {@link #whenWritable} write what they put off. One log line when the folder fills up, one when it has space again.
 */
public class DataFolderSpace {

    /** Below this, H2 may fail to write its next chunk: the monitor says so before a write fails. */
    public static final long MIN_FREE_BYTES = 8L * 1024 * 1024;
    /** After a refused write, the folder is fine again only once it takes a write of this size (a quota, say). */
    private static final int PROBE_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DataFolderSpace.class);

    private final Path folder;
    private final List<Runnable> writers = new CopyOnWriteArrayList<>();
    private volatile Optional<String> refusal = Optional.empty();
    private volatile Optional<String> problem = Optional.empty();

    public DataFolderSpace(Path folder) {
        this.folder = folder.toAbsolutePath();
    }

    /** {@code writeDue} runs whenever the folder looks fine, to store what was put off while it was not. */
    public void whenWritable(Runnable writeDue) {
        writers.add(writeDue);
    }

    /** Looks at the folder now: logs a change either way, and lets the stores catch up when it is fine. */
    public synchronized Optional<String> check() {
        Optional<String> now = measure();
        if (now.isPresent() && problem.isEmpty()) {
            LOG.warn("Data folder {}: {}. Alerts are kept in memory and retried until they can be stored", folder, now.get());
        } else if (now.isEmpty() && problem.isPresent()) {
            LOG.info("Data folder {} can store again ({} free): storing and sending what waited", folder, shown(usable()));
        }
        problem = now;
        if (now.isEmpty()) {
            writers.forEach(Runnable::run);
        }
        return now;
    }

    /** What is wrong with the folder, as of the last look; empty when it is fine. */
    public Optional<String> problem() {
        return problem;
    }

    /**
     * For the routes' error handling: true when the exchange failed on a write the data folder refused (that write is
     * retried until it is stored), which also marks the folder as refusing writes until it next looks fine.
     */
    public boolean refusedWrite(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (!StorageFailures.isStorageFailure(failure)) {
            return false;
        }
        if (refusal.isEmpty()) {
            refusal = Optional.of("refused a write (" + StorageFailures.reason(failure) + ")");
            check();
        }
        return true;
    }

    public Path folder() {
        return folder;
    }

    /** Free bytes for the monitor's user, or -1 when the folder cannot be measured. */
    public long usable() {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private Optional<String> measure() {
        long free = usable();
        if (free < 0) {
            return Optional.of("its free space cannot be read");
        }
        if (!Files.isWritable(folder)) {
            return Optional.of("read-only (" + shown(free) + " free)");
        }
        if (free < MIN_FREE_BYTES) {
            return Optional.of("only " + shown(free) + " free, less than the " + shown(MIN_FREE_BYTES) + " it needs");
        }
        if (refusal.isPresent() && takesAWrite()) {
            refusal = Optional.empty(); // the next refused write says so again
        }
        return refusal;
    }

    private boolean takesAWrite() {
        Path probe = folder.resolve(".write-probe");
        try {
            Files.write(probe, new byte[PROBE_BYTES]);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                LOG.debug("Data folder {}: the write probe could not be removed: {}", folder, e.toString());
            }
        }
    }

    static String shown(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return bytes / 1024 + " KB";
        }
        return bytes / (1024 * 1024) + " MB";
    }
}
