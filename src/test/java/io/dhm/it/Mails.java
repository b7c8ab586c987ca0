package io.dhm.it;

import com.icegreen.greenmail.base.GreenMailOperations;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;

/** What the real SMTP server (GreenMail, in-process) received, one entry per delivered copy. */
final class Mails {

    record Mail(String subject, String to, String body, String messageId, String alertId) {
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

    private static Mail read(MimeMessage message) {
        try {
            String to = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .map(Object::toString).collect(Collectors.joining(", "));
            String[] alertId = message.getHeader("X-Alert-Id");
            return new Mail(message.getSubject(), to, (String) message.getContent(), message.getMessageID(),
                    alertId == null ? null : alertId[0]);
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
