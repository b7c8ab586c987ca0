package io.dhm.deliver.smtp;

import io.dhm.deliver.Batch;
import io.dhm.deliver.Channel;
import io.dhm.deliver.DeliveryResult;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.SendFailedException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Email over SMTP: the channel-smtp route renders the message and hands it to camel-mail; this class says whether a
 * failure is worth retrying. A server that cannot be reached, refuses the login or answers 4xx may recover; a message
 * whose every recipient is rejected will not.
 */
public class SmtpChannel implements Channel {

    private final ProducerTemplate producer;

    public SmtpChannel(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public DeliveryResult deliver(Batch batch) {
        Exchange sent = producer.send("direct:channel-smtp", exchange -> exchange.getMessage().setBody(batch));
        return sent.getException() == null
                ? DeliveryResult.delivered("SMTP accepted it")
                : classify(sent.getException());
    }

    static DeliveryResult classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationFailedException) {
                return DeliveryResult.retry("SMTP login refused (check SMTP_USER / SMTP_PASS): " + cause.getMessage());
            }
            if (cause instanceof SendFailedException rejected
                    && (rejected.getValidSentAddresses() == null || rejected.getValidSentAddresses().length == 0)
                    && rejected.getInvalidAddresses() != null && rejected.getInvalidAddresses().length > 0) {
                return DeliveryResult.failed("every recipient was rejected: " + rejected.getMessage());
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return DeliveryResult.retry(root.getClass().getSimpleName() + ": " + root.getMessage());
    }
}
