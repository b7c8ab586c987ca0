package io.dhm.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** How alerts leave the monitor: email transports, webhooks and noise control (the outbox is in {@link DatabaseSettings}). */
public final class DeliverySettings {

    /** EMAIL_TRANSPORT: which service sends the emails. */
    public enum EmailTransport { SMTP, SES, BOTH }

    /** WEBHOOK_HEADERS rule: headers for the webhook URLs that contain {@code urlPart}. */
    public record HeaderRule(String urlPart, Map<String, String> headers) {
    }

    private final EmailTransport emailTransport;
    private final Optional<String> awsRegion;
    private final Optional<String> awsAccessKeyId;
    private final Optional<String> awsSecretAccessKey;
    private final Optional<URI> sesEndpoint;
    private final List<String> webhookUrls;
    private final List<String> alertEndpoints;
    private final List<HeaderRule> webhookHeaders;
    private final Duration webhookTimeout;
    private final Duration groupWait;
    private final Duration repeatInterval;
    private final Duration cooldown;
    private final Duration maxAge;
    private final Path templatesDir;

    DeliverySettings(Properties properties) {
        PropertyReader p = new PropertyReader(properties);
        emailTransport = transport(p);
        awsRegion = p.optional("aws.region");
        awsAccessKeyId = p.optional("aws.access.key.id");
        awsSecretAccessKey = p.optional("aws.secret.access.key");
        if (awsAccessKeyId.isPresent() != awsSecretAccessKey.isPresent()) {
            throw PropertyReader.invalid(awsAccessKeyId.isPresent() ? "aws.secret.access.key" : "aws.access.key.id",
                    "is empty; AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together (or leave both empty for the default chain)");
        }
        sesEndpoint = p.optional("aws.endpoint.url.ses").map(url -> endpoint("aws.endpoint.url.ses", url))
                .or(() -> p.optional("aws.endpoint.url").map(url -> endpoint("aws.endpoint.url", url)));
        if (sesEnabled() && awsRegion.isEmpty()) {
            throw PropertyReader.invalid("aws.region", "is empty but EMAIL_TRANSPORT sends through SES; give the SES region, e.g. us-east-1");
        }
        webhookUrls = WebhookUrls.parseList("WEBHOOK_URLS", p.optional("webhook.urls").orElse(null));
        alertEndpoints = EndpointUris.parseList("ALERT_ENDPOINTS", p.optional("alert.endpoints").orElse(null));
        webhookHeaders = headerRules(p.optional("webhook.headers").orElse(""));
        webhookTimeout = Duration.ofMillis(Math.round(1000 * p.number("webhook.timeout.sec", false)));
        groupWait = Duration.ofMillis(Math.round(1000 * p.number("alert.group.wait.sec", true)));
        repeatInterval = Duration.ofMillis(Math.round(60_000 * p.number("alert.repeat.interval.min", true)));
        // ALERT_COOLDOWN, the older name, counts when it is set and ALERT_COOLDOWN_SEC is not
        String cooldownKey = !p.setByUser("alert.cooldown.sec") && p.optional("alert.cooldown").isPresent()
                ? "alert.cooldown" : "alert.cooldown.sec";
        cooldown = Duration.ofMillis(Math.round(1000 * p.number(cooldownKey, true)));
        maxAge = Duration.ofMillis(Math.round(3_600_000 * p.number("alert.max.age.hours", false)));
        templatesDir = Path.of(p.text("templates.dir"));
    }

    private static EmailTransport transport(PropertyReader p) {
        String raw = p.text("email.transport");
        try {
            return EmailTransport.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PropertyReader.invalid("email.transport", "'" + raw + "' is not smtp, ses or both");
        }
    }

    private static URI endpoint(String key, String url) {
        return URI.create(WebhookUrls.parse(SettingSources.variableName(key), url));
    }

    /** {@code urlPart:Header=value,Header2=value;urlPart2:Header=value} */
    private static List<HeaderRule> headerRules(String text) {
        List<HeaderRule> rules = new ArrayList<>();
        for (String raw : text.split(";")) {
            String rule = raw.trim();
            if (rule.isEmpty()) {
                continue;
            }
            int colon = rule.indexOf(':');
            if (colon <= 0) {
                throw PropertyReader.invalid("webhook.headers", "rule '" + rule + "' is not 'url-part:Header=value[,Header=value...]'");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String pair : rule.substring(colon + 1).split(",")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw PropertyReader.invalid("webhook.headers", "'" + pair.trim() + "' in rule '" + rule + "' is not Header=value");
                }
                headers.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
            rules.add(new HeaderRule(rule.substring(0, colon).trim(), Map.copyOf(headers)));
        }
        return List.copyOf(rules);
    }

    public boolean sesEnabled() {
        return emailTransport != EmailTransport.SMTP;
    }

    public boolean smtpEnabled() {
        return emailTransport != EmailTransport.SES;
    }

    /** Headers for one webhook URL: every rule whose url-part occurs in it, later rules winning. */
    public Map<String, String> headersFor(String url) {
        Map<String, String> headers = new LinkedHashMap<>();
        webhookHeaders.stream().filter(rule -> url.contains(rule.urlPart())).forEach(rule -> headers.putAll(rule.headers()));
        return headers;
    }

    public EmailTransport emailTransport() {
        return emailTransport;
    }

    public Optional<String> awsRegion() {
        return awsRegion;
    }

    public Optional<String> awsAccessKeyId() {
        return awsAccessKeyId;
    }

    public Optional<String> awsSecretAccessKey() {
        return awsSecretAccessKey;
    }

    public Optional<URI> sesEndpoint() {
        return sesEndpoint;
    }

    public List<String> webhookUrls() {
        return webhookUrls;
    }

    /** Camel endpoint URIs that receive every alert (ALERT_ENDPOINTS). */
    public List<String> alertEndpoints() {
        return alertEndpoints;
    }

    public Duration webhookTimeout() {
        return webhookTimeout;
    }

    public Duration groupWait() {
        return groupWait;
    }

    public Duration repeatInterval() {
        return repeatInterval;
    }

    public Duration cooldown() {
        return cooldown;
    }

    public Duration maxAge() {
        return maxAge;
    }

    public Path templatesDir() {
        return templatesDir;
    }

    @Override
    public String toString() {
        return "email=" + emailTransport.name().toLowerCase(Locale.ROOT)
                + (sesEnabled() ? " (SES " + awsRegion.orElse("?") + sesEndpoint.map(uri -> " at " + uri).orElse("") + ")" : "")
                + ", webhooks=" + webhookUrls.size() + ", endpoints=" + alertEndpoints.size()
                + ", groupWait=" + groupWait.toSeconds() + "s, repeat=" + repeatInterval.toMinutes() + "min, cooldown="
                + cooldown.toSeconds() + "s";
    }
}
