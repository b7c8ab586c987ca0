package io.dhm.deliver.smtp;

import io.dhm.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The classic port rule turned into JavaMail properties. */
class SmtpEndpointTest {

    private static Settings smtp(String port, String user) {
        Properties p = new Properties();
        p.setProperty("smtp.host", "mail.example.com");
        p.setProperty("smtp.port", port);
        p.setProperty("health.check.alert.emails", "ops@example.com");
        if (user != null) {
            p.setProperty("smtp.user", user);
            p.setProperty("smtp.pass", "secret");
        }
        return Settings.from(p);
    }

    @Test
    void port587RequiresStarttlsAndLogsIn() {
        Settings settings = smtp("587", "me@example.com");
        Properties javaMail = SmtpEndpoint.javaMailProperties(settings);
        assertEquals("smtp://mail.example.com:587", SmtpEndpoint.uri(settings));
        assertEquals("true", javaMail.getProperty("mail.smtp.starttls.enable"));
        assertEquals("true", javaMail.getProperty("mail.smtp.starttls.required"));
        assertEquals("true", javaMail.getProperty("mail.smtp.auth"));
        assertNull(javaMail.getProperty("mail.smtp.ssl.enable"));
    }

    @Test
    void port465IsImplicitTls() {
        Settings settings = smtp("465", "me@example.com");
        Properties javaMail = SmtpEndpoint.javaMailProperties(settings);
        assertEquals("smtps://mail.example.com:465", SmtpEndpoint.uri(settings));
        assertEquals("true", javaMail.getProperty("mail.smtps.ssl.enable"));
        assertNull(javaMail.getProperty("mail.smtps.starttls.required"));
    }

    @Test
    void otherPortsArePlainWithStarttlsWhenOfferedAndNoLoginWithoutUser() {
        Settings settings = smtp("2525", null);
        Properties javaMail = SmtpEndpoint.javaMailProperties(settings);
        assertEquals("smtp://mail.example.com:2525", SmtpEndpoint.uri(settings));
        assertEquals("true", javaMail.getProperty("mail.smtp.starttls.enable"));
        assertNull(javaMail.getProperty("mail.smtp.starttls.required"));
        assertEquals("false", javaMail.getProperty("mail.smtp.auth"));
    }

    @Test
    void timeoutsAreBounded() {
        Properties javaMail = SmtpEndpoint.javaMailProperties(smtp("587", null));
        assertEquals("15000", javaMail.getProperty("mail.smtp.timeout"));
        assertEquals("15000", javaMail.getProperty("mail.smtp.writetimeout"));
        assertFalse(javaMail.isEmpty());
    }
}
