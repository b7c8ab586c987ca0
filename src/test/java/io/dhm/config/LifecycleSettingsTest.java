package io.dhm.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WATCH_SCOPE, STOP_NOTICES, STOP_NOTICE_WAIT_SEC, PAUSE_WARNING_MIN and ALERT_SEVERITY. */
class LifecycleSettingsTest {

    private static LifecycleSettings lifecycle(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.from(p).lifecycle();
    }

    @Test
    void byDefaultEveryContainerIsWatchedStopsAreNoticedAndPausesAreQuiet() {
        LifecycleSettings defaults = lifecycle();
        assertEquals("all", defaults.scope());
        assertTrue(defaults.stopNotices());
        assertEquals(Duration.ofSeconds(30), defaults.stopNoticeWait());
        assertEquals(Duration.ZERO, defaults.pauseWarning());
        assertEquals(Map.of(), defaults.severities());
    }

    @Test
    void theScopeIsAWordOfThree() {
        assertEquals("health", lifecycle("watch.scope", "Health").scope());
        assertEquals("labelled", lifecycle("watch.scope", "labelled").scope());
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> lifecycle("watch.scope", "some"));
        assertEquals("WATCH_SCOPE: 'some' is not all, health or labelled", e.getMessage());
    }

    @Test
    void severitiesArePairsOfAKnownCauseAndAProblemSeverity() {
        assertEquals(Map.of("exited", "ERROR", "paused", "CRITICAL"),
                lifecycle("alert.severity", "exited=error, paused=CRITICAL").severities());
        for (String wrong : new String[] {"exitted=ERROR", "exited=INFO", "exited", "exited=LOUD"}) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> lifecycle("alert.severity", wrong));
            assertTrue(e.getMessage().startsWith("ALERT_SEVERITY: '" + wrong + "' is not cause=severity"), e.getMessage());
        }
    }

    @Test
    void waitsTakeFractions() {
        assertEquals(Duration.ofMillis(1500), lifecycle("stop.notice.wait.sec", "1.5").stopNoticeWait());
        assertEquals(Duration.ofSeconds(30), lifecycle("pause.warning.min", "0.5").pauseWarning());
        assertThrows(InvalidSettingException.class, () -> lifecycle("stop.notices", "maybe"));
    }
}
