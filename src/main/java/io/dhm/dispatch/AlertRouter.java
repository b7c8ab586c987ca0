package io.dhm.dispatch;

import io.dhm.config.AlertRouting;
import io.dhm.notify.Alert;

import java.util.List;

/**
 * Decides who receives an alert (CONTAINER_ALERT_ROUTING, else HEALTH_CHECK_ALERT_EMAILS) and through which channel
 * routes; the notify route hands {@link #channels} to Camel's recipient list.
 */
public class AlertRouter {

    static final String EMAIL = "direct:send-email";
    static final String OUTBOX = "direct:write-outbox";

    private final AlertRouting routing;
    private final boolean smtpConfigured;

    public AlertRouter(AlertRouting routing, boolean smtpConfigured) {
        this.routing = routing;
        this.smtpConfigured = smtpConfigured;
    }

    public Alert route(Alert alert) {
        return alert.withRecipients(routing.recipientsFor(alert.container(), alert.project()));
    }

    /** Without SMTP every alert goes to the local outbox folder, so a first run needs nothing but an engine. */
    public List<String> channels(Alert alert) {
        return List.of(smtpConfigured && !alert.recipients().isEmpty() ? EMAIL : OUTBOX);
    }
}
