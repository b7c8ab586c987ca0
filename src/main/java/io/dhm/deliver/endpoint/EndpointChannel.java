package io.dhm.deliver.endpoint;

import io.dhm.deliver.Batch;
import io.dhm.deliver.Channel;
import io.dhm.deliver.DeliveryResult;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.util.ObjectHelper;

/**
 * Sends a {@link Batch} as {@link io.dhm.deliver.BatchJson} to any Camel endpoint (ALERT_ENDPOINTS, or {@code camel:<uri>}
 * in a routing rule) through the route {@code channel-endpoint} (routes/deliver-endpoint.camel.yaml), so a Kafka topic,
 * a file folder or a route of the user's gets the outbox's retries, grouping and cooldown like the built-in channels.
 * Any failure of the endpoint is worth another try (a broker down, a route stopped), except a URI Camel cannot resolve.
 */
public final class EndpointChannel implements Channel {

    public static final String NAME = "endpoint";
    public static final String ROUTE = "direct:channel-endpoint";

    /** The endpoint URI, for the route's toD; it starts with "Camel", so http and kafka keep it out of what they send. */
    public static final String ENDPOINT_HEADER = "CamelDhmEndpoint";

    private final ProducerTemplate producer;

    public EndpointChannel(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeliveryResult deliver(Batch batch) {
        String uri;
        try {
            // toD resolves the placeholders of its own expression, not those of the value it computes
            uri = producer.getCamelContext().resolvePropertyPlaceholders(batch.target());
        } catch (IllegalArgumentException e) {
            return DeliveryResult.failed(e.getMessage());
        }
        Exchange reply = producer.send(ROUTE, exchange -> {
            Message message = exchange.getIn();
            message.setBody(batch);
            message.setHeader("X-Alert-Id", batch.alertIdHeader());
            message.setHeader("Idempotency-Key", batch.messageKey());
            // a file endpoint writes each batch under one name, so a repeat after a kill replaces rather than adds
            message.setHeader(Exchange.FILE_NAME, batch.messageKey() + ".json");
            message.setHeader(ENDPOINT_HEADER, uri);
        });
        Exception failure = reply.getException();
        if (failure == null) {
            return DeliveryResult.delivered("sent to " + batch.target());
        }
        if (unresolvable(failure)) {
            return DeliveryResult.failed(failure.getMessage());
        }
        Throwable cause = failure.getCause() != null && failure.getMessage() == null ? failure.getCause() : failure;
        return DeliveryResult.retry(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    private static boolean unresolvable(Exception failure) {
        return ObjectHelper.getException(ResolveEndpointFailedException.class, failure) != null
                || ObjectHelper.getException(NoSuchEndpointException.class, failure) != null;
    }
}
