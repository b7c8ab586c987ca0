package io.dhm.ops;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When {@link OnDemandCliConnector} rewrites the CLI's status file: at once at start, then every round (a second) for
 * {@link #IN_USE} after a CLI last read the file or sent a command, and once per {@link #AT_REST} otherwise; a status
 * counts once it is in the file. The connector's thread asks, the thread that collects the status tells it written.
 */
final class CliStatusSchedule {

    static final Duration AT_REST = Duration.ofSeconds(60);
    static final Duration IN_USE = Duration.ofMinutes(2);

    private final LongSupplier nanoClock;
    private Long written;
    private Long used;

    /** @param nanoClock System::nanoTime, or a test's */
    CliStatusSchedule(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** A CLI read the status or sent a command. */
    synchronized void used() {
        used = nanoClock.getAsLong();
    }

    synchronized void written() {
        written = nanoClock.getAsLong();
    }

    synchronized boolean due() {
        long now = nanoClock.getAsLong();
        return written == null || now - written >= AT_REST.toNanos() || used != null && now - used < IN_USE.toNanos();
    }
}
