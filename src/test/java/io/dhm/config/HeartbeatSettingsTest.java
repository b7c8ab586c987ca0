package io.dhm.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HEARTBEAT_URL and HEARTBEAT_INTERVAL_SEC: checked at start-up, and the URL kept secret wherever settings show. */
class HeartbeatSettingsTest {

    private static final String SECRET_PATH = "/ping/6f1c2a5e-93b1-4cde-8f5a-2b7d9e0a1c44";
    private static final String URL = "https://hc-ping.example.com" + SECRET_PATH;

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        properties.putAll(SettingSources.defaults());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    private static HeartbeatSettings read(String... keysAndValues) {
        return Settings.from(properties(keysAndValues)).heartbeat();
    }

    @Test
    void offByDefaultEveryMinute() {
        HeartbeatSettings defaults = read();
        assertFalse(defaults.enabled());
        assertEquals(Duration.ofSeconds(60), defaults.interval());
        assertEquals(Duration.ofSeconds(5), defaults.timeout());
        assertEquals("heartbeat=off", defaults.toString());
    }

    @Test
    void fractionsOfASecondAndATimeoutWellWithinTheInterval() {
        HeartbeatSettings fast = read("heartbeat.url", URL, "heartbeat.interval.sec", "1.5");
        assertTrue(fast.enabled());
        assertEquals(Duration.ofMillis(1500), fast.interval());
        assertEquals(Duration.ofMillis(750), fast.timeout(), "half the interval when that is under 5 s");
        assertEquals(Duration.ofMillis(1), read("heartbeat.interval.sec", "0.001").timeout(), "never 0 (= no timeout)");
    }

    @Test
    void badValuesNameTheirVariableButNeverShowTheUrl() {
        for (String bad : new String[] {"hc-ping.example.com" + SECRET_PATH, "ftp://hc-ping.example.com" + SECRET_PATH,
                "https://" + SECRET_PATH, "https://hc ping" + SECRET_PATH}) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read("heartbeat.url", bad));
            assertTrue(e.getMessage().startsWith("HEARTBEAT_URL: "), e.getMessage());
            assertFalse(e.getMessage().contains(SECRET_PATH), e.getMessage());
        }
        for (String bad : new String[] {"0", "-1", "soon", "0.0001"}) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> read("heartbeat.interval.sec", bad));
            assertTrue(e.getMessage().startsWith("HEARTBEAT_INTERVAL_SEC: "), e.getMessage());
        }
    }

    @Test
    void theUrlIsASecretShownOnlyAsSchemeAndHost() throws Exception {
        Properties properties = properties("heartbeat.url", "http://127.0.0.1:8123" + SECRET_PATH + "?token=t0ken");
        Settings settings = Settings.from(properties);
        assertEquals(Optional.of("http://127.0.0.1:8123"), settings.heartbeat().shown());
        assertTrue(settings.toString().contains("heartbeat=http://127.0.0.1:8123 every 60.0 s"), settings.toString());
        assertFalse(settings.toString().contains(SECRET_PATH), "the start-up summary");

        assertTrue(SettingSources.isSecret("heartbeat.url"));
        LiveSettings live = new LiveSettings(properties, settings);
        assertEquals(LiveSettings.SECRET, live.view().get("HEARTBEAT_URL"), "/api/config and its export");
        assertEquals("60", live.view().get("HEARTBEAT_INTERVAL_SEC"));
        SecretPlaceholders secrets = new SecretPlaceholders(live);
        assertEquals(LiveSettings.SECRET, secrets.masked(() -> secrets.getProperty("heartbeat.url")), "route dumps");
    }
}
