package io.dhm.heal;

import io.dhm.config.HealSettings;
import io.dhm.config.HealSettings.HealMode;
import io.dhm.config.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HealOptionsTest {

    private final HealSettings settings = Settings.from(new Properties()).heal();

    @Test
    void settingsApplyWhereNoLabelSaysOtherwise() {
        HealOptions options = HealOptions.of(HealSelectionTest.container("web", Map.of()), settings);
        assertEquals(new HealOptions(HealMode.HEALTH, Duration.ofMinutes(15), 5, 10), options);
    }

    @Test
    void labelsOverrideModeWaitLimitAndStopTimeout() {
        HealOptions options = HealOptions.of(HealSelectionTest.container("web", Map.of("autoheal.mode", "exit",
                "autoheal.wait.sec", "1.5", "autoheal.max.restarts", "2", "autoheal.stop.timeout", "30")), settings);
        assertEquals(new HealOptions(HealMode.EXIT, Duration.ofMillis(1500), 2, 30), options);
    }

    @Test
    void anUnusableLabelFallsBackToTheSetting() {
        HealOptions options = HealOptions.of(HealSelectionTest.container("web", Map.of("autoheal.mode", "sometimes",
                "autoheal.wait.sec", "-3", "autoheal.max.restarts", "many", "autoheal.stop.timeout", "")), settings);
        assertEquals(new HealOptions(HealMode.HEALTH, Duration.ofMinutes(15), 5, 10), options);
    }
}
