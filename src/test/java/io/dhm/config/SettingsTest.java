package io.dhm.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    private static Properties props(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    private static String invalid(String variable, String... keysAndValues) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> Settings.from(props(keysAndValues)));
        assertTrue(e.getMessage().startsWith(variable + ": "),
                () -> "message should name " + variable + ": " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void defaults() {
        Settings s = Settings.from(new Properties());
        assertEquals(587, s.smtpPort());
        assertEquals(Settings.SmtpSecurity.STARTTLS_REQUIRED, s.smtpSecurity());
        assertEquals(Duration.ofSeconds(30), s.pollInterval());
        assertEquals(Duration.ofMinutes(15), s.confirmWait());
        assertEquals(15 * 60_000L, s.confirmWait().toMillis());
        assertEquals(50, s.logLines());
        assertEquals("Production", s.serverName());
        assertEquals("unix:///var/run/docker.sock", s.engines().engines().get(0).host());
        assertFalse(s.engines().engines().get(0).tls());
        assertFalse(s.smtpConfigured());
        assertEquals(Optional.empty(), s.smtpHost());
        assertTrue(s.alertEmails().isEmpty());
        assertTrue(s.routing().rules().isEmpty());
        assertEquals("docker-health-monitor@localhost", s.senderEmail());
        assertEquals(Path.of("outbox"), s.outboxDir());
        assertEquals(Path.of("data"), s.dataDir());
    }

    @Test
    void blankValuesMeanDefaults() {
        Settings s = Settings.from(props("smtp.port", "", "health.check.interval.sec", "  ", "server.name", "",
                "docker.host", "", "smtp.host", " ", "docker.tls.verify", ""));
        assertEquals(587, s.smtpPort());
        assertEquals(Duration.ofSeconds(30), s.pollInterval());
        assertEquals("Production", s.serverName());
        assertEquals("unix:///var/run/docker.sock", s.engines().engines().get(0).host());
        assertFalse(s.smtpConfigured());
    }

    @Test
    void explicitValues() {
        Settings s = Settings.from(props(
                "smtp.host", "smtp.example.com",
                "smtp.port", "2525",
                "smtp.user", "alerts@example.com",
                "smtp.pass", "pw",
                "health.check.alert.emails", "ops@example.com, dev@example.com",
                "container.alert.routing", "shop:shop@example.com",
                "server.name", "Staging",
                "health.check.interval.sec", "5",
                "wait.and.check.again.min", "2",
                "health.check.log.lines", "0",
                "docker.host", "tcp://10.0.0.5:2375"));
        assertTrue(s.smtpConfigured());
        assertEquals(Optional.of("smtp.example.com"), s.smtpHost());
        assertEquals(2525, s.smtpPort());
        assertEquals(Optional.of("alerts@example.com"), s.smtpUser());
        assertEquals("alerts@example.com", s.senderEmail(), "sender defaults to an email-shaped SMTP_USER");
        assertEquals(List.of("ops@example.com", "dev@example.com"), s.alertEmails());
        assertEquals(List.of("shop@example.com"), s.routing().recipientsFor("shop-web-1", "shop"));
        assertEquals(List.of("ops@example.com", "dev@example.com"), s.routing().recipientsFor("db", null));
        assertEquals("Staging", s.serverName());
        assertEquals(Duration.ofSeconds(5), s.pollInterval());
        assertEquals(Duration.ofMinutes(2), s.confirmWait());
        assertEquals(0, s.logLines());
        assertEquals("tcp://10.0.0.5:2375", s.engines().engines().get(0).host());
    }

    @Test
    void smtpSecurityByPort() {
        assertEquals(Settings.SmtpSecurity.STARTTLS_REQUIRED, Settings.from(props("smtp.port", "587")).smtpSecurity());
        assertEquals(Settings.SmtpSecurity.IMPLICIT_TLS, Settings.from(props("smtp.port", "465")).smtpSecurity());
        assertEquals(Settings.SmtpSecurity.STARTTLS_IF_OFFERED, Settings.from(props("smtp.port", "2525")).smtpSecurity());
        assertEquals(Settings.SmtpSecurity.STARTTLS_IF_OFFERED, Settings.from(props("smtp.port", "25")).smtpSecurity());
    }

    @Test
    void fractionalWait() {
        Settings s = Settings.from(props("wait.and.check.again.min", "0.1"));
        assertEquals(Duration.ofSeconds(6), s.confirmWait());
        assertEquals(6000, s.confirmWait().toMillis());
    }

    @Test
    void zeroWaitIsAllowed() {
        assertEquals(Duration.ZERO, Settings.from(props("wait.and.check.again.min", "0")).confirmWait());
    }

    @Test
    void fractionalInterval() {
        assertEquals(Duration.ofMillis(2500), Settings.from(props("health.check.interval.sec", "2.5")).pollInterval());
    }

    @Test
    void tlsVerifyFlag() {
        assertTrue(Settings.from(props("docker.tls.verify", "1")).engines().engines().get(0).tls());
        assertTrue(Settings.from(props("docker.tls.verify", "TRUE")).engines().engines().get(0).tls());
        assertFalse(Settings.from(props("docker.tls.verify", "no")).engines().engines().get(0).tls());
    }

    @Test
    void portNotANumber() {
        assertTrue(invalid("SMTP_PORT", "smtp.port", "abc").contains("'abc'"));
    }

    @Test
    void portOutOfRange() {
        assertTrue(invalid("SMTP_PORT", "smtp.port", "70000").contains("'70000'"));
        invalid("SMTP_PORT", "smtp.port", "0");
    }

    @Test
    void intervalNegative() {
        assertTrue(invalid("HEALTH_CHECK_INTERVAL_SEC", "health.check.interval.sec", "-5").contains("'-5'"));
    }

    @Test
    void intervalZero() {
        assertTrue(invalid("HEALTH_CHECK_INTERVAL_SEC", "health.check.interval.sec", "0").contains("'0'"));
    }

    @Test
    void intervalNotANumber() {
        invalid("HEALTH_CHECK_INTERVAL_SEC", "health.check.interval.sec", "NaN");
        invalid("HEALTH_CHECK_INTERVAL_SEC", "health.check.interval.sec", "Infinity");
    }

    @Test
    void waitNegative() {
        assertTrue(invalid("WAIT_AND_CHECK_AGAIN_MIN", "wait.and.check.again.min", "-1").contains("'-1'"));
    }

    @Test
    void waitNotANumber() {
        assertTrue(invalid("WAIT_AND_CHECK_AGAIN_MIN", "wait.and.check.again.min", "soon").contains("'soon'"));
    }

    @Test
    void logLinesNegative() {
        assertTrue(invalid("HEALTH_CHECK_LOG_LINES", "health.check.log.lines", "-1").contains("'-1'"));
        invalid("HEALTH_CHECK_LOG_LINES", "health.check.log.lines", "1.5");
    }

    @Test
    void alertEmailInvalid() {
        assertTrue(invalid("HEALTH_CHECK_ALERT_EMAILS", "health.check.alert.emails", "not-an-email")
                .contains("'not-an-email'"));
    }

    @Test
    void routingErrorsNameTheRoutingVariable() {
        invalid("CONTAINER_ALERT_ROUTING", "container.alert.routing", "shop");
    }

    @Test
    void smtpHostWithoutRecipients() {
        String message = invalid("HEALTH_CHECK_ALERT_EMAILS", "smtp.host", "smtp.example.com");
        assertTrue(message.contains("SMTP_HOST"), message);
    }

    @Test
    void smtpHostWithRecipientsIsFine() {
        assertTrue(Settings.from(props("smtp.host", "smtp.example.com", "health.check.alert.emails", "ops@example.com"))
                .smtpConfigured());
    }

    @Test
    void smtpUserWithoutPassword() {
        String message = invalid("SMTP_PASS", "smtp.user", "alerts@example.com");
        assertTrue(message.contains("SMTP_USER"), message);
        invalid("SMTP_PASS", "smtp.user", "alerts@example.com", "smtp.pass", "   ");
    }

    @Test
    void dockerHostWithWrongScheme() {
        assertTrue(invalid("DOCKER_HOST", "docker.host", "http://x").contains("'http://x'"));
    }

    @Test
    void dockerTlsVerifyNotAFlag() {
        assertTrue(invalid("DOCKER_TLS_VERIFY", "docker.tls.verify", "maybe").contains("'maybe'"));
    }

    @Test
    void senderEmailInvalid() {
        invalid("SENDER_EMAIL", "sender.email", "nobody");
    }

    @Test
    void toStringNeverShowsThePassword() {
        String secret = "S3cr3t-Pa55word!";
        Settings s = Settings.from(props(
                "smtp.host", "smtp.example.com",
                "smtp.user", "alerts@example.com",
                "smtp.pass", secret,
                "health.check.alert.emails", "ops@example.com"));
        String text = s.toString();
        assertTrue(text.contains("smtp.example.com"), text);
        assertTrue(text.contains("alerts@example.com"), text);
        assertFalse(text.contains(secret), text);
        assertEquals(Optional.of(secret), s.smtpPass(), "the password itself is kept for the mail component");
    }

    @Test
    void toStringWithoutSmtpMentionsTheOutbox() {
        String text = Settings.from(props("smtp.pass", "hunter2-value")).toString();
        assertTrue(text.contains("not configured"), text);
        assertFalse(text.contains("hunter2-value"), text);
    }
}
