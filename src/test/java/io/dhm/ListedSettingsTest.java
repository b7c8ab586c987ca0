package io.dhm;

import io.dhm.route.RouteValues;
import io.dhm.config.ListedSettings;
import io.dhm.config.SettingSources;
import io.dhm.config.Settings;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Camel's properties console lists (/q/dev/properties, and `camel get properties` from the CLI's status), set up
 * as MonitorApplication sets up Camel: the settings and the user's keys as {@link ListedSettings}, not internal (the
 * CLI leaves internal ones out), Camel's camel.* and the derived monitor.* keys as override properties; no secret.
 */
class ListedSettingsTest {

    @Test
    void settingsAndUserKeysAreListedAndNoSecret() throws Exception {
        Properties properties = new Properties();
        properties.putAll(SettingSources.defaults());
        properties.setProperty("team.room", "ops-room");
        properties.setProperty("team.chat.token", "chat-secret-5521");
        properties.setProperty("smtp.pass", "smtp-secret-7730");
        Properties camel = RouteValues.camelProperties(properties, Settings.from(properties));

        Map<String, JsonObject> listed = new HashMap<>();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setOverrideProperties(ListedSettings.internal(camel));
            context.getPropertiesComponent().addPropertiesSource(new ListedSettings(camel));
            DevConsole console = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                    .resolveById("properties");
            JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
            for (Object entry : (JsonArray) json.get("properties")) {
                JsonObject property = (JsonObject) entry;
                listed.put(property.getString("key"), property);
            }
        }
        assertEquals("ops-room", listed.get("team.room").getString("value"));
        assertNotNull(listed.get("server.name"), "the monitor's own settings");
        for (String key : new String[] {"team.room", "server.name", "health.check.interval.sec"}) {
            assertEquals(ListedSettings.LOCATION, listed.get(key).getString("location"), key);
            assertFalse(listed.get(key).getBoolean("internal"), key + " is shown by camel get properties");
        }
        assertTrue(listed.get("monitor.poll.millis").getBoolean("internal"), "derived for the routes: Camel's internals");
        assertFalse(listed.containsKey("team.chat.token") || listed.containsKey("smtp.pass"), listed.keySet().toString());
        assertFalse(listed.toString().contains("chat-secret-5521") || listed.toString().contains("smtp-secret-7730"));
    }
}
