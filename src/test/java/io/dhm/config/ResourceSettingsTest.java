package io.dhm.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceSettingsTest {

    private static ResourceSettings resources(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.from(p).resources();
    }

    @Test
    void resourceDefaults() {
        ResourceSettings s = resources();
        assertTrue(s.enabled());
        assertEquals(Duration.ofSeconds(15), s.statsInterval());
        assertEquals(80, s.cpuWarning());
        assertEquals(90, s.cpuCritical());
        assertEquals(80, s.memoryWarning());
        assertEquals(90, s.memoryCritical());
        assertEquals(Duration.ofSeconds(60), s.sustained());
        assertEquals(0, s.latencyP95Ms());
        assertFalse(resources("stats.interval.sec", "0").enabled());
        assertEquals(2000, resources("latency.p95.ms", "1000").latencyCriticalMs());
    }

    @Test
    void criticalBelowWarningIsRefusedNamingTheVariable() {
        assertTrue(assertThrows(InvalidSettingException.class, () -> resources("cpu.threshold", "95"))
                .getMessage().startsWith("CPU_CRITICAL_THRESHOLD:"));
        assertTrue(assertThrows(InvalidSettingException.class, () -> resources("memory.critical.threshold", "50"))
                .getMessage().startsWith("MEMORY_CRITICAL_THRESHOLD:"));
        assertTrue(assertThrows(InvalidSettingException.class, () -> resources("stats.interval.sec", "-1"))
                .getMessage().startsWith("STATS_INTERVAL_SEC:"));
    }
}
