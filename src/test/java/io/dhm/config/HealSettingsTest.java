package io.dhm.config;

import io.dhm.config.HealSettings.HealMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealSettingsTest {

    private static HealSettings heal(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.from(p).heal();
    }

    private static void invalid(String variable, String... keysAndValues) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> heal(keysAndValues));
        assertTrue(e.getMessage().startsWith(variable + ": "), e.getMessage());
    }

    @Test
    void offByDefaultWithDockerAutohealsLabelAndKubernetesLikeBackoff() {
        HealSettings s = heal();
        assertFalse(s.enabled());
        assertEquals("autoheal", s.label());
        assertFalse(s.allContainers());
        assertEquals(HealMode.HEALTH, s.mode());
        assertEquals(Duration.ofSeconds(10), s.backoffInitial());
        assertEquals(Duration.ofMinutes(5), s.backoffMax());
        assertEquals(Duration.ofMinutes(10), s.backoffReset());
        assertEquals(5, s.maxRestarts());
        assertEquals(Duration.ofHours(1), s.restartWindow());
        assertEquals(10, s.stopTimeoutSec());
        assertFalse(s.restartDependents());
        assertEquals("autoheal=off", s.toString());
    }

    @Test
    void theWaitIsTheConfirmWaitUnlessAutohealWaitSecIsSet() {
        assertEquals(Duration.ofMinutes(15), heal().healWait());
        assertEquals(Duration.ofSeconds(6), heal("wait.and.check.again.min", "0.1").healWait());
        assertEquals(Duration.ofMillis(2500), heal("autoheal.wait.sec", "2.5").healWait());
        assertEquals(Duration.ZERO, heal("autoheal.wait.sec", "0").healWait());
    }

    @Test
    void modesListsAndAllContainers() {
        HealSettings s = heal("autoheal.enabled", "true", "autoheal.mode", "Both", "autoheal.container.label", "all",
                "autoheal.include.names", "web-*, api", "autoheal.exclude.labels", "tier=db,critical");
        assertTrue(s.enabled());
        assertEquals(HealMode.BOTH, s.mode());
        assertTrue(s.mode().health() && s.mode().exit());
        assertTrue(s.allContainers());
        assertEquals(List.of("web-*", "api"), s.includeNames());
        assertEquals(List.of("tier=db", "critical"), s.excludeLabels());
        assertFalse(HealMode.EXIT.health());
        assertFalse(HealMode.HEALTH.exit());
    }

    @Test
    void unusableValuesNameTheirVariable() {
        invalid("AUTOHEAL_MODE", "autoheal.mode", "always");
        invalid("AUTOHEAL_ENABLED", "autoheal.enabled", "maybe");
        invalid("AUTOHEAL_MAX_RESTARTS", "autoheal.max.restarts", "-1");
        invalid("AUTOHEAL_BACKOFF_INITIAL_SEC", "autoheal.backoff.initial.sec", "0");
        invalid("AUTOHEAL_BACKOFF_MAX_SEC", "autoheal.backoff.initial.sec", "60", "autoheal.backoff.max.sec", "30");
        invalid("AUTOHEAL_WAIT_SEC", "autoheal.wait.sec", "soon");
    }
}
