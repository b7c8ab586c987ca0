package io.dhm.signal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counting of LogPatternWatch: which lines count, the window, and starting over. */
class LogPatternWatchTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final LogPatternWatch.Rule MORE_THAN_3_IN_10_MIN =
            new LogPatternWatch.Rule(Pattern.compile("ECONNRESET"), 3, Duration.ofMinutes(10), false);

    /** A line as the engine gives it with timestamps: RFC 3339 with nanoseconds, a space, the text. */
    private static String line(Duration after, String text) {
        return T0.plus(after).plusNanos(123_456_789) + " " + text;
    }

    private static String reset(int second) {
        return line(Duration.ofSeconds(second), "request failed: ECONNRESET");
    }

    private static LogPatternWatch.Tally tally() {
        return new LogPatternWatch.Tally(MORE_THAN_3_IN_10_MIN, T0);
    }

    private static Optional<List<String>> count(LogPatternWatch.Tally tally, Instant now, String... lines) {
        return LogPatternWatch.count(tally, List.of(lines), now);
    }

    @Test
    void lineFormatIsWhatTheTestsAssume() {
        assertEquals("2026-01-01T10:00:01.123456789Z request failed: ECONNRESET", reset(1));
    }

    @Test
    void countAtTheLimitIsNoAlert() {
        LogPatternWatch.Tally tally = tally();
        assertTrue(count(tally, T0.plusSeconds(5), reset(1), reset(2), reset(3)).isEmpty());
        assertEquals(3, tally.matches.size());
    }

    @Test
    void moreThanTheCountWithinTheWindowReturnsTheMatchingLinesAndStartsOver() {
        LogPatternWatch.Tally tally = tally();
        String[] lines = {
                reset(1),
                line(Duration.ofSeconds(2), "GET /health 200"),
                reset(3),
                reset(4),
                line(Duration.ofSeconds(5), "all fine"),
                reset(6)};

        Optional<List<String>> matched = count(tally, T0.plusSeconds(10), lines);

        assertEquals(Optional.of(List.of(reset(1), reset(3), reset(4), reset(6))), matched);
        assertTrue(tally.matches.isEmpty(), "counting starts over");
        assertTrue(tally.lines.isEmpty());
        assertEquals(T0.plusSeconds(6).plusNanos(123_456_789), tally.lastLine);

        assertTrue(count(tally, T0.plusSeconds(20), reset(11), reset(12), reset(13)).isEmpty(),
                "three more after starting over are not yet more than three");
        assertEquals(Optional.of(List.of(reset(11), reset(12), reset(13), reset(14))),
                count(tally, T0.plusSeconds(20), reset(14)));
    }

    @Test
    void matchesAcrossCallsAddUp() {
        LogPatternWatch.Tally tally = tally();
        assertTrue(count(tally, T0.plusSeconds(30), reset(10), reset(20)).isEmpty());
        assertTrue(count(tally, T0.plusSeconds(60), reset(40)).isEmpty());
        assertEquals(Optional.of(List.of(reset(10), reset(20), reset(40), reset(50))),
                count(tally, T0.plusSeconds(60), reset(50)));
    }

    @Test
    void linesAtOrBeforeTheLastLineReadAreSkipped() {
        LogPatternWatch.Tally tally = tally();
        assertTrue(count(tally, T0.plusSeconds(10), reset(1), reset(2), reset(3)).isEmpty());

        // the engine's since is whole seconds, so the next read repeats lines already counted
        assertTrue(count(tally, T0.plusSeconds(20), reset(1), reset(2), reset(3)).isEmpty(), "seen lines count once");
        assertEquals(3, tally.matches.size());
        assertTrue(count(tally, T0.plusSeconds(20), reset(3)).isEmpty(), "the last line read itself is not new");
        assertEquals(3, tally.matches.size());
    }

    @Test
    void linesBeforeTheStartAreSkipped() {
        LogPatternWatch.Tally tally = new LogPatternWatch.Tally(MORE_THAN_3_IN_10_MIN, T0.plusSeconds(100));
        assertTrue(count(tally, T0.plusSeconds(200), reset(1), reset(2), reset(3), reset(4), reset(5)).isEmpty(),
                "output from before the monitor saw the container does not count");
        assertTrue(tally.matches.isEmpty());
        assertEquals(T0.plusSeconds(100), tally.lastLine);
        String atStart = T0.plusSeconds(100) + " ECONNRESET";
        assertTrue(count(tally, T0.plusSeconds(200), atStart).isEmpty());
        assertTrue(tally.matches.isEmpty(), "a line exactly at the start is not after it");
    }

    @Test
    void onlyMatchingLinesCount() {
        LogPatternWatch.Tally tally = tally();
        assertTrue(count(tally, T0.plusSeconds(60),
                line(Duration.ofSeconds(1), "GET / 200"),
                line(Duration.ofSeconds(2), "econnreset"),
                line(Duration.ofSeconds(3), "ECONNREFUSED"),
                line(Duration.ofSeconds(4), "GET / 200"),
                line(Duration.ofSeconds(5), "GET / 200"),
                reset(6)).isEmpty());
        assertEquals(1, tally.matches.size());
        assertEquals(List.of(reset(6)), List.copyOf(tally.lines));
        assertEquals(T0.plusSeconds(6).plusNanos(123_456_789), tally.lastLine, "non-matching lines are read too");
    }

    @Test
    void theTimestampIsNotPartOfTheText() {
        LogPatternWatch.Tally tally = new LogPatternWatch.Tally(
                new LogPatternWatch.Rule(Pattern.compile("^2026"), 0, Duration.ofMinutes(10), false), T0);
        assertTrue(count(tally, T0.plusSeconds(10), line(Duration.ofSeconds(1), "hello")).isEmpty());
        assertEquals(Optional.of(List.of(line(Duration.ofSeconds(2), "2026 was a year"))),
                count(tally, T0.plusSeconds(10), line(Duration.ofSeconds(2), "2026 was a year")));
    }

    @Test
    void matchesOlderThanTheWindowDropOut() {
        LogPatternWatch.Tally tally = tally();
        assertTrue(count(tally, T0.plusSeconds(60), reset(1), reset(2), reset(3)).isEmpty());

        // eleven minutes later: the first three are out of the 10-minute window
        assertTrue(count(tally, T0.plusSeconds(661), reset(660)).isEmpty());
        assertEquals(1, tally.matches.size());
        assertTrue(count(tally, T0.plusSeconds(665), reset(662), reset(663)).isEmpty());
        assertEquals(3, tally.matches.size());
    }

    @Test
    void aMatchExactlyAWindowOldHasDroppedOut() {
        LogPatternWatch.Tally tally = tally();
        String first = T0.plusSeconds(1) + " ECONNRESET";
        assertTrue(count(tally, T0.plusSeconds(2), first, reset(2), reset(3)).isEmpty());
        assertTrue(count(tally, T0.plusSeconds(601), reset(4)).isEmpty(), "the match at +1 s is 600 s old at +601 s");
        assertEquals(3, tally.matches.size());
    }

    @Test
    void spreadOutMatchesNeverAlert() {
        LogPatternWatch.Tally tally = tally();
        for (int i = 0; i < 20; i++) {
            int second = i * 240; // one every 4 minutes: at most 3 within any 10 minutes
            assertTrue(count(tally, T0.plusSeconds(second + 1), reset(second)).isEmpty(), "match " + i);
        }
    }

    @Test
    void returnedLinesAreOnlyThoseWithinTheWindow() {
        LogPatternWatch.Tally tally = tally();
        assertTrue(count(tally, T0.plusSeconds(60), reset(1), reset(2), reset(3)).isEmpty());

        Optional<List<String>> matched = count(tally, T0.plusSeconds(1000),
                reset(900), reset(901), reset(902), reset(903));

        assertEquals(Optional.of(List.of(reset(900), reset(901), reset(902), reset(903))), matched);
    }

    @Test
    void unparseableLinesAreIgnored() {
        LogPatternWatch.Tally tally = tally();
        assertTrue(count(tally, T0.plusSeconds(60),
                "ECONNRESET",
                "not-a-time ECONNRESET",
                "2026-13-01T10:00:01Z ECONNRESET",
                "",
                "   ECONNRESET",
                reset(1)).isEmpty());
        assertEquals(1, tally.matches.size());
        assertEquals(List.of(reset(1)), List.copyOf(tally.lines));
    }

    @Test
    void aTimestampWithoutTextIsReadButDoesNotMatch() {
        LogPatternWatch.Tally tally = tally();
        Instant at = T0.plusSeconds(5);
        assertTrue(count(tally, T0.plusSeconds(60), at.toString()).isEmpty());
        assertEquals(at, tally.lastLine);
        assertTrue(tally.matches.isEmpty());
    }

    @Test
    void theAlertKeepsTheLastTwentyLines() {
        LogPatternWatch.Tally tally = new LogPatternWatch.Tally(
                new LogPatternWatch.Rule(Pattern.compile("ECONNRESET"), 24, Duration.ofMinutes(10), false), T0);
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            lines.add(reset(i));
        }

        Optional<List<String>> matched = LogPatternWatch.count(tally, lines, T0.plusSeconds(30));

        assertEquals(Optional.of(lines.subList(5, 25)), matched);
    }
}
