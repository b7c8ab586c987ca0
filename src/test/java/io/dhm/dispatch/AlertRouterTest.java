package io.dhm.dispatch;

import io.dhm.ManualClock;
import io.dhm.config.InvalidSettingException;
import io.dhm.config.Settings;
import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which channels and targets an alert goes to, the delivery settings behind it, and the cooldown. */
class AlertRouterTest {

    private static Settings settings(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return Settings.from(p);
    }

    private static Alert alert(String container, Severity severity) {
        return alert(container, severity, "unhealthy");
    }

    private static Alert alert(String container, Severity severity, String to) {
        return new Alert("a-" + container, severity, "Test", null, container, "id", "img", "healthy", to,
                ZonedDateTime.of(2026, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC), "details", "", "", List.of());
    }

    @Test
    void emailsGoThroughEveryConfiguredTransportAndUrlsToWebhooks() {
        AlertRouter router = new AlertRouter(settings("smtp.host", "mail", "email.transport", "both",
                "aws.region", "us-east-1", "health.check.alert.emails", "ops@example.com",
                "container.alert.routing", "shop:shop@example.com,https://hooks.example.com/shop",
                "webhook.urls", "https://chat.example.com/all"));

        List<Target> targets = router.targets(router.route(alert("shop-web-1", Severity.CRITICAL)));

        assertEquals(List.of(new Target("smtp", "shop@example.com"), new Target("ses", "shop@example.com"),
                new Target("webhook", "https://hooks.example.com/shop"), new Target("webhook", "https://chat.example.com/all")),
                targets);
    }

    @Test
    void endpointsOfARuleAndOfAlertEndpointsAreOneTargetEach() {
        AlertRouter router = new AlertRouter(settings("smtp.host", "mail", "health.check.alert.emails", "ops@example.com",
                "container.alert.routing", "shop:a@example.com,camel:direct:shop-alerts",
                "alert.endpoints", "kafka:alerts?brokers=kafka:9092, direct:shop-alerts"));
        assertEquals(List.of(new Target("smtp", "a@example.com"), new Target("endpoint", "direct:shop-alerts"),
                        new Target("endpoint", "kafka:alerts?brokers=kafka:9092")),
                router.targets(router.route(alert("shop-web-1", Severity.CRITICAL))));
        assertEquals(List.of(new Target("smtp", "ops@example.com"), new Target("endpoint", "kafka:alerts?brokers=kafka:9092"),
                        new Target("endpoint", "direct:shop-alerts")),
                router.targets(router.route(alert("billing-api", Severity.CRITICAL))));
        assertTrue(assertThrows(InvalidSettingException.class, () -> settings("alert.endpoints", "not a uri"))
                .getMessage().startsWith("ALERT_ENDPOINTS: 'not a uri' is not a Camel endpoint URI"));
    }

    @Test
    void withNoWayOutConfiguredAlertsGoToTheOutboxFolder() {
        AlertRouter router = new AlertRouter(settings("health.check.alert.emails", "ops@example.com"));
        assertEquals(List.of(new Target("folder", "ops@example.com")),
                router.targets(router.route(alert("web", Severity.ERROR))));
    }

    @Test
    void deliverySettingsAreCheckedAtStartUp() {
        assertTrue(assertThrows(InvalidSettingException.class, () -> settings("email.transport", "pigeon"))
                .getMessage().startsWith("EMAIL_TRANSPORT: 'pigeon'"));
        assertTrue(assertThrows(InvalidSettingException.class, () -> settings("email.transport", "ses",
                "health.check.alert.emails", "ops@example.com")).getMessage().startsWith("AWS_REGION: "));
        assertTrue(assertThrows(InvalidSettingException.class, () -> settings("webhook.urls", "ftp://x"))
                .getMessage().startsWith("WEBHOOK_URLS: 'ftp://x'"));
        assertTrue(assertThrows(InvalidSettingException.class, () -> settings("webhook.headers", "hooks:Authorization"))
                .getMessage().startsWith("WEBHOOK_HEADERS: "));
        assertTrue(assertThrows(InvalidSettingException.class, () -> settings("aws.access.key.id", "AKIA"))
                .getMessage().startsWith("AWS_SECRET_ACCESS_KEY: "));
        assertTrue(assertThrows(InvalidSettingException.class, () -> settings("alert.group.wait.sec", "-1"))
                .getMessage().startsWith("ALERT_GROUP_WAIT_SEC: "));
    }

    @Test
    void webhookHeadersApplyToTheUrlsThatContainTheirPart() {
        Settings settings = settings("webhook.headers", "hooks.example.com:Authorization=Bearer abc,X-Team=ops;chat:X-Env=prod");
        assertEquals("Bearer abc", settings.delivery().headersFor("https://hooks.example.com/x").get("Authorization"));
        assertEquals("prod", settings.delivery().headersFor("https://chat.example.com/y").get("X-Env"));
        assertTrue(settings.delivery().headersFor("https://other.example.com").isEmpty());
    }

    @Test
    void theOlderCooldownNameWorksToo() {
        assertEquals(Duration.ofSeconds(120), settings("alert.cooldown", "120").delivery().cooldown());
        assertEquals(Duration.ofSeconds(300), settings().delivery().cooldown());
    }

    @Test
    void cooldownLetsOneAlertPerContainerAndSeverityThroughButEveryRecovery() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
        Cooldown cooldown = new Cooldown(() -> Duration.ofMinutes(5), clock);
        assertTrue(cooldown.allows(alert("web", Severity.CRITICAL)));
        assertFalse(cooldown.allows(alert("web", Severity.CRITICAL)));
        assertTrue(cooldown.allows(alert("web", Severity.ERROR)), "another severity");
        assertTrue(cooldown.allows(alert("db", Severity.CRITICAL)), "another container");
        assertTrue(cooldown.allows(alert("web", Severity.CRITICAL, "quarantined")), "another kind: auto-heal gave up");
        assertFalse(cooldown.allows(alert("web", Severity.CRITICAL, "quarantined")));
        assertTrue(cooldown.allows(alert("web", Severity.INFO)));
        assertTrue(cooldown.allows(alert("web", Severity.INFO)), "recoveries always pass");
        clock.advance(Duration.ofMinutes(5));
        assertTrue(cooldown.allows(alert("web", Severity.CRITICAL)), "after the cooldown");
    }
}
