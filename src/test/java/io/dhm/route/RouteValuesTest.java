package io.dhm.route;

import io.dhm.config.LiveSettings;
import io.dhm.config.SecretPlaceholders;
import io.dhm.config.SettingSources;
import io.dhm.config.Settings;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

    @Test
    void userKeysAreRoutePlaceholdersAndSecretsResolveWithoutEverBeingListed() throws Exception {
        Properties properties = new Properties();
        properties.putAll(SettingSources.defaults());
        properties.setProperty("team.room", "ops-room");            // a user's key in ./application.properties
        properties.setProperty("team.chat.token", "chat-secret");   // a user's secret
        properties.setProperty("smtp.pass", "smtp-secret");
        properties.setProperty("heartbeat.url", "https://hc-ping.example.com/ping-secret");
        Settings settings = Settings.from(properties);
        Properties camel = RouteValues.camelProperties(properties, settings);
        assertEquals("ops-room", camel.getProperty("team.room"));
        assertEquals("Production", camel.getProperty("server.name"), "the monitor's own settings too");
        assertFalse(camel.containsKey("team.chat.token") || camel.containsKey("smtp.pass")
                || camel.containsKey("heartbeat.url"), "no secret among them");

        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setInitialProperties(camel);
            context.getPropertiesComponent().addPropertiesSource(
                    new SecretPlaceholders(new LiveSettings(properties, settings)));
            assertEquals("ops-room chat-secret smtp-secret",
                    context.resolvePropertyPlaceholders("{{team.room}} {{team.chat.token}} {{smtp.pass}}"));
            Properties listed = context.getPropertiesComponent().loadProperties();
            assertEquals("ops-room", listed.getProperty("team.room"));
            assertFalse(listed.containsValue("chat-secret") || listed.containsValue("smtp-secret"),
                    "what Camel's consoles list holds no secret");
        }
    }
}
