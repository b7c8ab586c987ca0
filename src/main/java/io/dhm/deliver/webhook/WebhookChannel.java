package io.dhm.deliver.webhook;

import io.dhm.alert.Alert;
import io.dhm.config.DeliverySettings;
import io.dhm.deliver.Batch;
import io.dhm.deliver.BatchJson;
import io.dhm.deliver.Channel;
import io.dhm.deliver.DeliveryResult;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * POSTs a {@link Batch} as {@link BatchJson} JSON to one webhook URL through the route {@code channel-webhook}
 * (routes/deliver-webhook.camel.yaml) and tells from the HTTP status whether another try is worth it. Every try of a batch
 * carries the same {@code Idempotency-Key} (and {@code X-Alert-Id}), so that a receiver can drop repeats.
 */
public final class WebhookChannel implements Channel {

    public static final String NAME = "webhook";
    public static final String ROUTE = "direct:channel-webhook";

    /**
     * The header with the URL's scheme://host:port, from which the route's toD picks the camel-http endpoint. The full
     * URL travels in {@link Exchange#HTTP_URI}, which camel-http requests exactly as given. Both start with "Camel", so
     * camel-http's header filter keeps them out of the request.
     */
    public static final String ENDPOINT_HEADER = "CamelDhmWebhookEndpoint";

    /** Characters of the receiver's answer kept in a result's detail. */
    static final int ANSWER_LIMIT = 200;

    /**
     * camel-http's client configuration for webhooks (the route's {@code httpClientConfigurer}): one request per
     * try. Apache HttpClient would otherwise repeat a POST answered 429 or 503 by itself, after waiting as long as the
     * answer's Retry-After asks, which no timeout bounds; retries are the delivery loop's job. No cookies are kept
     * either: every webhook request stands on its own.
     */
    public static final class HttpClientSettings implements HttpClientConfigurer {
        @Override
        public void configureHttpClient(HttpClientBuilder builder) {
            builder.disableAutomaticRetries().disableCookieManagement();
        }
    }

    private final ProducerTemplate producer;
    private final DeliverySettings settings;

    public WebhookChannel(ProducerTemplate producer, DeliverySettings settings) {
        this.producer = producer;
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeliveryResult deliver(Batch batch) {
        String url = batch.target().trim();
        String endpoint;
        try {
            endpoint = endpoint(url);
        } catch (IllegalArgumentException e) {
            return DeliveryResult.failed(e.getMessage());
        }
        Exchange reply = producer.send(ROUTE, exchange -> {
            Message message = exchange.getIn();
            message.setBody(batch);
            // WEBHOOK_HEADERS first, so that the headers the channel sets cannot be replaced by accident; a name
            // starting with "Camel" would steer camel-http rather than reach the receiver, so it is left out
            settings.headersFor(url).forEach((name, value) -> {
                if (!name.toLowerCase(Locale.ROOT).startsWith("camel")) {
                    message.setHeader(name, value);
                }
            });
            message.setHeader("X-Alert-Id", String.join(",", batch.alertIds()));
            message.setHeader("Idempotency-Key", batch.messageKey());
            message.setHeader(Exchange.HTTP_URI, url);
            message.setHeader(ENDPOINT_HEADER, endpoint);
        });
        Exception failure = reply.getException();
        if (failure != null) {
            // connection refused, timeouts, unknown host, TLS trouble: the receiver may be back later
            return DeliveryResult.retry(describe(failure));
        }
        Message answer = reply.getMessage();
        Integer status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null) {
            return DeliveryResult.retry("no HTTP status in the reply from the webhook route");
        }
        return classify(status, statusLine(status, answer.getHeader(Exchange.HTTP_RESPONSE_TEXT, String.class),
                status / 100 == 2 ? null : answerText(answer)));
    }

    /** scheme://host[:port] of an http(s) URL: the part of it that names a camel-http endpoint. */
    static String endpoint(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid webhook URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("not a valid webhook URL (expected http(s)://host/...)");
        }
        return scheme + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /**
     * What an HTTP status means for a webhook delivery: 2xx delivered; 408 (request timeout), 425 (too early), 429
     * (too many requests) and 5xx worth another try; any other status (4xx, an unfollowed redirect) failed for good.
     */
    public static DeliveryResult classify(int status, String detail) {
        if (status >= 200 && status <= 299) {
            return DeliveryResult.delivered(detail);
        }
        if (status == 408 || status == 425 || status == 429 || (status >= 500 && status <= 599)) {
            return DeliveryResult.retry(detail);
        }
        return DeliveryResult.failed(detail);
    }

    public static String statusLine(int status, String reason, String answer) {
        StringBuilder line = new StringBuilder("HTTP ").append(status);
        if (reason != null && !reason.isBlank()) {
            line.append(' ').append(reason.strip());
        }
        if (answer != null && !answer.isBlank()) {
            line.append(": ").append(BatchJson.cut(answer.strip().replaceAll("\\s+", " "), ANSWER_LIMIT));
        }
        return line.toString();
    }

    private static String answerText(Message answer) {
        try {
            return answer.getBody(String.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The innermost cause, e.g. "ConnectException: Connection refused"; the URL is left out as it may hold a token. */
    public static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.strip());
    }
}
