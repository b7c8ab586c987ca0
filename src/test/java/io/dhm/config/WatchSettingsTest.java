package io.dhm.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CHECK_*, CUSTOM_CHECKS, RESTART_LOOP_*, LOG_PATTERN* and HISTORY_RETENTION_HOURS. */
class WatchSettingsTest {

    private static Properties props(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    private static WatchSettings watch(String... keysAndValues) {
        return Settings.from(props(keysAndValues)).watch();
    }

    private static String invalid(String variable, String... keysAndValues) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> Settings.from(props(keysAndValues)));
        assertTrue(e.getMessage().startsWith(variable + ":"), () -> "message should name " + variable + ": " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void defaults() {
        WatchSettings w = watch();
        assertEquals(Duration.ofSeconds(10), w.checkInterval());
        assertEquals(Duration.ofSeconds(5), w.checkTimeout());
        assertEquals(3, w.checkFailures());
        assertEquals(List.of(), w.customChecks());
        assertEquals(5, w.restartLoopCount());
        assertEquals(Duration.ofSeconds(600), w.restartLoopWindow());
        assertFalse(w.restartLoopHeal());
        assertEquals(Optional.empty(), w.logPattern());
        assertEquals(5, w.logPatternCount());
        assertEquals(Duration.ofSeconds(600), w.logPatternWindow());
        assertFalse(w.logPatternHeal());
        assertEquals(Duration.ofHours(168), w.historyRetention());
    }

    @Test
    void blankValuesMeanDefaults() {
        WatchSettings w = watch("check.interval.sec", " ", "check.failures", "", "custom.checks", "  ", "log.pattern", "",
                "history.retention.hours", "");
        assertEquals(Duration.ofSeconds(10), w.checkInterval());
        assertEquals(3, w.checkFailures());
        assertEquals(List.of(), w.customChecks());
        assertEquals(Optional.empty(), w.logPattern());
        assertEquals(Duration.ofHours(168), w.historyRetention());
    }

    @Test
    void explicitValues() {
        WatchSettings w = watch(
                "check.interval.sec", "2.5",
                "check.timeout.sec", "1",
                "check.failures", "4",
                "restart.loop.count", "0",
                "restart.loop.window.sec", "120",
                "restart.loop.heal", "true",
                "log.pattern", "ECONNRESET|ETIMEDOUT",
                "log.pattern.count", "10",
                "log.pattern.window.sec", "60",
                "log.pattern.heal", "1",
                "history.retention.hours", "24");
        assertEquals(Duration.ofMillis(2500), w.checkInterval());
        assertEquals(Duration.ofSeconds(1), w.checkTimeout());
        assertEquals(4, w.checkFailures());
        assertEquals(0, w.restartLoopCount());
        assertEquals(Duration.ofSeconds(120), w.restartLoopWindow());
        assertTrue(w.restartLoopHeal());
        assertEquals("ECONNRESET|ETIMEDOUT", w.logPattern().orElseThrow().pattern());
        assertTrue(w.logPattern().orElseThrow().matcher("read ETIMEDOUT").find());
        assertEquals(10, w.logPatternCount());
        assertEquals(Duration.ofSeconds(60), w.logPatternWindow());
        assertTrue(w.logPatternHeal());
        assertEquals(Duration.ofHours(24), w.historyRetention());
    }

    @Test
    void checkFailuresIsAtLeastOne() {
        assertEquals(1, watch("check.failures", "0").checkFailures());
    }

    @Test
    void customCheckRules() {
        WatchSettings w = watch("custom.checks",
                " legacy-* = http://127.0.0.1:9000/ping?a=b ;; cache=tcp://127.0.0.1:6379; worker=exec: test -f /tmp/ok ;");
        assertEquals(List.of(
                new WatchSettings.CheckRule("legacy-*", "http://127.0.0.1:9000/ping?a=b"),
                new WatchSettings.CheckRule("cache", "tcp://127.0.0.1:6379"),
                new WatchSettings.CheckRule("worker", "exec: test -f /tmp/ok")), w.customChecks());
    }

    @Test
    void customCheckRuleWithoutEqualsIsInvalid() {
        String message = invalid("CUSTOM_CHECKS", "custom.checks", "web=http://127.0.0.1/; legacy-web http://127.0.0.1/");
        assertTrue(message.contains("'legacy-web http://127.0.0.1/'"), message);
    }

    @Test
    void customCheckRuleWithoutGlobOrCheckIsInvalid() {
        invalid("CUSTOM_CHECKS", "custom.checks", "=http://127.0.0.1/");
        invalid("CUSTOM_CHECKS", "custom.checks", "web=");
    }

    @Test
    void logPatternMustBeARegularExpression() {
        String message = invalid("LOG_PATTERN", "log.pattern", "([");
        assertTrue(message.contains("'(['"), message);
    }

    @Test
    void numbersAreChecked() {
        invalid("CHECK_FAILURES", "check.failures", "abc");
        invalid("CHECK_FAILURES", "check.failures", "-1");
        invalid("CHECK_FAILURES", "check.failures", "1001");
        invalid("CHECK_INTERVAL_SEC", "check.interval.sec", "0");
        invalid("CHECK_TIMEOUT_SEC", "check.timeout.sec", "soon");
        invalid("RESTART_LOOP_COUNT", "restart.loop.count", "-5");
        invalid("RESTART_LOOP_WINDOW_SEC", "restart.loop.window.sec", "0");
        invalid("LOG_PATTERN_COUNT", "log.pattern.count", "many");
        invalid("LOG_PATTERN_WINDOW_SEC", "log.pattern.window.sec", "-1");
        invalid("HISTORY_RETENTION_HOURS", "history.retention.hours", "1.5");
        invalid("RESTART_LOOP_HEAL", "restart.loop.heal", "maybe");
        invalid("LOG_PATTERN_HEAL", "log.pattern.heal", "perhaps");
    }

    @Test
    void summaryNamesTheWatches() {
        String summary = watch("custom.checks", "a=tcp://h:1;b=tcp://h:2", "log.pattern", "ECONNRESET").toString();
        assertTrue(summary.contains("customChecks=2 rules"), summary);
        assertTrue(summary.contains("restartLoop=>5 per 600 s"), summary);
        assertTrue(summary.contains("logPattern=ECONNRESET"), summary);
        assertTrue(watch("restart.loop.count", "0").toString().contains("restartLoop=off, logPattern=off"));
    }
}
