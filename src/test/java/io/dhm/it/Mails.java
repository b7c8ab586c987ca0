package io.dhm.it;

import com.icegreen.greenmail.base.GreenMailOperations;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;

/** What the real SMTP server (GreenMail, in-process) received, one entry per delivered copy. */
final class Mails {

    /** @param body the plain text; {@code html} the HTML part, or null when the mail had none */
    record Mail(String subject, String to, String body, String html, String messageId, String alertId) {
    }

    private final GreenMailOperations server;

    Mails(GreenMailOperations server) {
        this.server = server;
    }

    List<Mail> about(String container) {
        return all().stream().filter(mail -> mail.subject().contains(" " + container + " ")).toList();
    }

    List<Mail> all() {
        return Arrays.stream(server.getReceivedMessages()).map(Mails::read).toList();
    }

    /** Waits for the first copy of an alert with this subject prefix about this container. */
    Mail await(String container, String severity, Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(200))
                .until(() -> about(container).stream().anyMatch(mail -> mail.subject().startsWith(severity + ":")));
        return about(container).stream().filter(mail -> mail.subject().startsWith(severity + ":")).findFirst().orElseThrow();
    }

    /** Mail travels with CRLF line ends; the tests compare with the templates' LF. */
    private static String lines(String text) {
        return text == null ? null : text.replace("\r\n", "\n");
    }

    private static Mail read(MimeMessage message) {
        try {
            String to = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .map(Object::toString).collect(Collectors.joining(", "));
            String[] alertId = message.getHeader("X-Alert-Id");
            String text = null;
            String html = null;
            if (message.getContent() instanceof Multipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart part = parts.getBodyPart(i);
                    if (part.isMimeType("text/plain")) {
                        text = (String) part.getContent();
                    } else if (part.isMimeType("text/html")) {
                        html = (String) part.getContent();
                    }
                }
            } else {
                text = (String) message.getContent();
            }
            return new Mail(message.getSubject(), to, lines(text), lines(html), message.getMessageID(),
                    alertId == null ? null : alertId[0]);
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
