package io.dhm.deliver;

/**
 * One way out for alerts (SMTP, SES, a webhook, the outbox folder), in the manner of Alertmanager's notifiers: it sends
 * one message to one target and says whether a failure is worth retrying. Retries, backoff and grouping belong to the
 * {@link DeliveryLoop}, not to the channel.
 */
public interface Channel {

    /** The name stored with each delivery: "smtp", "ses", "webhook", "folder". */
    String name();

    DeliveryResult deliver(Batch batch);
}
