package io.dhm.deliver.smtp;

import io.dhm.config.Settings;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;

import java.util.Properties;

/**
 * camel-mail set up for SMTP as the classic .env expects: port 587 STARTTLS (required, so a password never crosses in clear),
 * 465 implicit TLS, any other port plain with STARTTLS when the server offers it; login when SMTP_USER is set.
 * The channel-smtp route sends to {@link #uri}; the component bound under {@link #scheme} holds the credentials, so
 * they never appear in an endpoint URI, a log line or the route model.
 */
public final class SmtpEndpoint {

    static final int TIMEOUT_MS = 15_000;

    private SmtpEndpoint() {
    }

    public static String scheme(Settings settings) {
        return settings.smtpSecurity() == Settings.SmtpSecurity.IMPLICIT_TLS ? "smtps" : "smtp";
    }

    public static String uri(Settings settings) {
        return scheme(settings) + "://" + settings.smtpHost().orElseThrow() + ":" + settings.smtpPort();
    }

    public static MailComponent component(Settings settings) {
        MailConfiguration mail = new MailConfiguration();
        mail.setHost(settings.smtpHost().orElseThrow());
        mail.setPort(settings.smtpPort());
        mail.setFrom(settings.senderEmail());
        mail.setContentType("text/plain; charset=UTF-8");
        mail.setConnectionTimeout(TIMEOUT_MS);
        settings.smtpUser().ifPresent(mail::setUsername);
        settings.smtpPass().ifPresent(mail::setPassword);
        mail.setAdditionalJavaMailProperties(javaMailProperties(settings));
        return new MailComponent(mail);
    }

    static Properties javaMailProperties(Settings settings) {
        Properties javaMail = new Properties();
        String prefix = "mail." + scheme(settings) + ".";
        javaMail.setProperty(prefix + "auth", String.valueOf(settings.smtpUser().isPresent()));
        javaMail.setProperty(prefix + "timeout", String.valueOf(TIMEOUT_MS));
        javaMail.setProperty(prefix + "writetimeout", String.valueOf(TIMEOUT_MS));
        switch (settings.smtpSecurity()) {
            case STARTTLS_REQUIRED -> {
                javaMail.setProperty(prefix + "starttls.enable", "true");
                javaMail.setProperty(prefix + "starttls.required", "true");
            }
            case STARTTLS_IF_OFFERED -> javaMail.setProperty(prefix + "starttls.enable", "true");
            case IMPLICIT_TLS -> javaMail.setProperty(prefix + "ssl.enable", "true");
        }
        return javaMail;
    }
}
