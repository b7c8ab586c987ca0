package io.dhm.heartbeat;

import io.dhm.config.HeartbeatSettings;
import io.dhm.deliver.webhook.WebhookChannel;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import java.util.Optional;

/**
 * One GET of HEARTBEAT_URL through route {@code heartbeat-ping} (routes/heartbeat.camel.yaml: camel-http, bounded
 * timeouts, one try). As for a webhook, the full URL travels in {@link Exchange#HTTP_URI}, which camel-http requests
 * exactly as given, and only its scheme://host[:port] names the endpoint: the secret in the URL's path or query is in
 * no endpoint URI, which Camel's consoles and JMX list.
 */
public class HeartbeatPing implements Heartbeat.Pinger {

    public static final String ROUTE = "direct:heartbeat-ping";
    /** The endpoint the route's toD picks; like CamelHttpUri it starts with "Camel", so it is not sent. */
    public static final String ENDPOINT_HEADER = "CamelDhmHeartbeatEndpoint";

    private final ProducerTemplate producer;
    private final HeartbeatSettings settings;

    public HeartbeatPing(ProducerTemplate producer, HeartbeatSettings settings) {
        this.producer = producer;
        this.settings = settings;
    }

    @Override
    public Optional<String> ping() {
        Exchange reply = producer.send(ROUTE, exchange -> {
            exchange.getIn().setHeader(Exchange.HTTP_URI, settings.url().orElseThrow().toString());
            exchange.getIn().setHeader(ENDPOINT_HEADER, settings.shown().orElseThrow());
        });
        if (reply.getException() != null) {
            return Optional.of(WebhookChannel.describe(reply.getException()));
        }
        Integer status = reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null) {
            return Optional.of("no HTTP status in the reply from the heartbeat-ping route");
        }
        return status / 100 == 2 ? Optional.empty() : Optional.of(WebhookChannel.statusLine(status,
                reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_TEXT, String.class), null));
    }
}
