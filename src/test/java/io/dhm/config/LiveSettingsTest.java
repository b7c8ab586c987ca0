package io.dhm.config;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveSettingsTest {

    private static LiveSettings live() {
        Properties p = new Properties();
        p.setProperty("autoheal.enabled", "false");
        p.setProperty("autoheal.mode", "health");
        p.setProperty("alert.cooldown.sec", "300");
        p.setProperty("smtp.host", "mail.example.com");
        p.setProperty("health.check.alert.emails", "ops@example.com");
        p.setProperty("smtp.pass", "s3cret");
        p.setProperty("api.token", "");
        p.setProperty("camel.main.name", "x");
        p.setProperty("team.chat.token", "chat-secret"); // a user's own keys, from ./application.properties
        p.setProperty("team.room", "ops-room");
        p.setProperty("webhook.urls", "https://hooks.slack.com/services/T000/B000/XXXX");
        return new LiveSettings(p, Settings.from(p));
    }

    @Test
    void secretsAreMaskedAndCamelKeysHidden() {
        Map<String, String> view = live().view();
        assertEquals("********", view.get("SMTP_PASS"));
        assertEquals("", view.get("API_TOKEN"), "an empty secret shows it is not set");
        assertEquals("mail.example.com", view.get("SMTP_HOST"));
        assertFalse(view.containsKey("CAMEL_MAIN_NAME"));
        assertEquals("********", view.get("TEAM_CHAT_TOKEN"), "a user's secret is masked like the monitor's");
        assertEquals("ops-room", view.get("TEAM_ROOM"));
    }

    @Test
    void aWebhookUrlsSecretPathIsMaskedAndComesBackUnchanged() {
        LiveSettings live = live();
        assertEquals("https://hooks.slack.com/********", live.view().get("WEBHOOK_URLS"));
        LiveSettings.Outcome outcome = live.change(Map.of("WEBHOOK_URLS", "https://hooks.slack.com/********"), false);
        assertEquals(java.util.List.of("WEBHOOK_URLS"), outcome.unchanged(), "an export imported as it was");
    }

    @Test
    void liveSettingsApplyAtOnce() {
        LiveSettings live = live();
        LiveSettings.Outcome outcome = live.change(Map.of("AUTOHEAL_ENABLED", "true", "ALERT_COOLDOWN_SEC", "60"), true);
        assertEquals(2, outcome.applied().size());
        assertTrue(live.current().heal().enabled());
        assertEquals(60, live.current().delivery().cooldown().toSeconds());
    }

    @Test
    void startUpSettingsAreRefusedByPutAndReportedByImport() {
        LiveSettings live = live();
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> live.change(Map.of("SMTP_HOST", "other.example.com"), true));
        assertTrue(refused.getMessage().startsWith("SMTP_HOST: is read at start-up only"));
        LiveSettings.Outcome imported = live.change(Map.of("SMTP_HOST", "other.example.com", "SMTP_PASS", "********",
                "AUTOHEAL_MODE", "both"), false);
        assertEquals(java.util.List.of("SMTP_HOST"), imported.needRestart());
        assertEquals(java.util.List.of("SMTP_PASS"), imported.unchanged());
        assertEquals(java.util.List.of("AUTOHEAL_MODE"), imported.applied());
        assertEquals("mail.example.com", live.current().smtpHost().orElseThrow());
    }

    @Test
    void invalidOrUnknownChangesApplyNothing() {
        LiveSettings live = live();
        InvalidSettingException invalid = assertThrows(InvalidSettingException.class,
                () -> live.change(Map.of("AUTOHEAL_ENABLED", "true", "AUTOHEAL_MODE", "sometimes"), true));
        assertTrue(invalid.getMessage().startsWith("AUTOHEAL_MODE:"), invalid.getMessage());
        assertFalse(live.current().heal().enabled(), "nothing of a refused change is applied");
        assertThrows(InvalidSettingException.class, () -> live.change(Map.of("NO_SUCH", "1"), true));
        assertThrows(InvalidSettingException.class, () -> live.change(Map.of("CAMEL_MAIN_NAME", "y"), true));
    }
}
