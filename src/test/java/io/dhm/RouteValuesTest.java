package io.dhm;

import io.dhm.config.SettingSources;
import io.dhm.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** application.properties shows each {{monitor.*}} placeholder with what the defaults give: kept true here. */
class RouteValuesTest {

    private static Set<String> routeKeys(Properties properties) {
        return properties.stringPropertyNames().stream().filter(key -> key.startsWith("monitor."))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theFileListsEveryRouteValueWithWhatTheDefaultsGive() {
        Properties defaults = SettingSources.defaults();
        Properties derived = RouteValues.camelProperties(defaults, Settings.from(defaults));
        assertEquals(routeKeys(derived), routeKeys(defaults), "monitor.* keys derived vs. listed in application.properties");
        for (String key : routeKeys(derived)) {
            assertEquals(derived.getProperty(key), defaults.getProperty(key), key);
        }
    }

    @Test
    void aRouteValueFollowsItsSetting() {
        Properties properties = new Properties();
        properties.putAll(SettingSources.defaults());
        properties.setProperty("health.check.interval.sec", "2.5");
        properties.setProperty("stats.interval.sec", "0");
        properties.setProperty("monitor.poll.millis", "1"); // not a setting: ignored
        Properties derived = RouteValues.camelProperties(properties, Settings.from(properties));
        assertEquals("2500", derived.getProperty("monitor.poll.millis"));
        assertEquals("60000", derived.getProperty("monitor.stats.millis"), "sampling off: the timer ticks once a minute");
    }
}
