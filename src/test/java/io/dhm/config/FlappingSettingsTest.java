package io.dhm.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FLAPPING_COUNT and FLAPPING_WINDOW_MIN. */
class FlappingSettingsTest {

    private static FlappingSettings flapping(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.from(p).flapping();
    }

    private static void invalid(String variable, String key, String value) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> flapping(key, value));
        assertTrue(e.getMessage().startsWith(variable + ": '" + value + "'"), e.getMessage());
    }

    @Test
    void defaultsAreThreeReturnsWithinTenMinutes() {
        FlappingSettings flapping = flapping();
        assertEquals(3, flapping.count());
        assertEquals(Duration.ofMinutes(10), flapping.window());
        assertTrue(flapping.enabled());
        assertEquals("flapping=3 returns per 10.0 min", flapping.toString());
    }

    @Test
    void theWindowTakesFractionsOfAMinute() {
        assertEquals(Duration.ofSeconds(30), flapping("flapping.window.min", "0.5").window());
        assertEquals(Duration.ofSeconds(6), flapping("flapping.window.min", "0.1").window());
    }

    @Test
    void countZeroTurnsItOff() {
        FlappingSettings off = flapping("flapping.count", "0");
        assertFalse(off.enabled());
        assertEquals("flapping=off", off.toString());
    }

    @Test
    void invalidValuesNameTheirVariable() {
        invalid("FLAPPING_COUNT", "flapping.count", "-1");
        invalid("FLAPPING_COUNT", "flapping.count", "2.5");
        invalid("FLAPPING_COUNT", "flapping.count", "often");
        invalid("FLAPPING_WINDOW_MIN", "flapping.window.min", "0");
        invalid("FLAPPING_WINDOW_MIN", "flapping.window.min", "-3");
        invalid("FLAPPING_WINDOW_MIN", "flapping.window.min", "ten");
    }
}
