package io.dhm.config;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Secrets masked by value, whichever text carries them. */
class SecretValuesTest {

    @Test
    void everySecretSettingsValueIsMaskedWhereverItAppears() {
        Properties settings = new Properties();
        settings.setProperty("smtp.pass", "mail-pass-8812");
        settings.setProperty("billing.api.key", "user-key-5531"); // a user's own key
        settings.setProperty("api.token", "abc"); // too short to mask by value
        settings.setProperty("webhook.headers", "hooks.example.com:Authorization=Bearer header-9921,X-Team=ops");
        settings.setProperty("smtp.host", "mail.example.com");
        SecretValues.register(settings);
        assertEquals("Failed to send to smtp://mail.example.com?password=******** (key ********)",
                SecretValues.mask("Failed to send to smtp://mail.example.com?password=mail-pass-8812 (key user-key-5531)"));
        assertEquals("token abc", SecretValues.mask("token abc"));
        assertEquals("Authorization: ********", SecretValues.mask("Authorization: Bearer header-9921"));
    }

    @Test
    void theSecretPartsOfTargetsAreMaskedAsTheyAreWrittenOrEncoded() {
        Properties settings = new Properties();
        settings.setProperty("webhook.urls", "https://bob:hook-pw-7@hooks.example.com/services/T1/B2/hook-path-9931?sig=q%uery-4411");
        settings.setProperty("alert.endpoints", "kafka:alerts?brokers=kafka:9092&saslJaasConfig=jaas-7719");
        SecretValues.register(settings);
        assertEquals("POST https://********@hooks.example.com******** failed",
                SecretValues.mask("POST https://bob:hook-pw-7@hooks.example.com/services/T1/B2/hook-path-9931 failed"));
        assertEquals("sig=******** sig=********", SecretValues.mask("sig=q%uery-4411 sig=q%25uery-4411"));
        assertEquals("kafka:alerts?brokers=********&saslJaasConfig=********",
                SecretValues.mask("kafka:alerts?brokers=kafka:9092&saslJaasConfig=jaas-7719"));
    }

    @Test
    void otherSettingsUrlsAreNoSecret() {
        Properties settings = new Properties();
        settings.setProperty("api.public.url", "https://monitor.example.com/ops-monitor?team=platform-ops");
        SecretValues.register(settings);
        assertEquals("GET /ops-monitor/ack for platform-ops", SecretValues.mask("GET /ops-monitor/ack for platform-ops"));
    }
}
