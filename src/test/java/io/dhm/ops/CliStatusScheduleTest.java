package io.dhm.ops;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the CLI connector rewrites its status, on a clock the test moves. */
class CliStatusScheduleTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final CliStatusSchedule schedule = new CliStatusSchedule(clock::get);

    private void after(Duration elapsed) {
        clock.addAndGet(elapsed.toNanos());
    }

    /** Rounds of one second as the connector runs them; how many rewrote the status. */
    private int writtenInRounds(int rounds) {
        int written = 0;
        for (int round = 0; round < rounds; round++) {
            if (schedule.due()) {
                schedule.written();
                written++;
            }
            after(Duration.ofSeconds(1));
        }
        return written;
    }

    @Test
    void atRestOnceAtStartThenOnceAMinute() {
        assertTrue(schedule.due(), "at start: the CLI finds the monitor only through a status");
        schedule.written();
        after(Duration.ofSeconds(59));
        assertFalse(schedule.due());
        after(Duration.ofSeconds(1));
        assertTrue(schedule.due());
        schedule.written();
        assertEquals(10, writtenInRounds(10 * 60 + 1), "once a minute: ten in the ten minutes that follow");
    }

    @Test
    void everySecondForTwoMinutesAfterACliReadOrCommand() {
        schedule.written();
        after(Duration.ofSeconds(10));
        schedule.used(); // a read of the file, or a command
        assertEquals(120, writtenInRounds(120), "every round for two minutes");
        assertFalse(schedule.due(), "then at rest again");
        assertEquals(0, writtenInRounds(59));
        assertEquals(1, writtenInRounds(1), "a minute after the last one");
    }

    @Test
    void eachUseExtendsTheTwoMinutes() {
        schedule.written();
        schedule.used();
        after(Duration.ofSeconds(100));
        schedule.used();
        after(Duration.ofSeconds(100));
        assertTrue(schedule.due(), "100 s after the last use");
        schedule.written();
        after(Duration.ofSeconds(20));
        assertFalse(schedule.due(), "120 s after the last use, 20 s after the last status");
    }
}
