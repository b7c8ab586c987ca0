package io.dhm.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The signed "Acknowledge" links in alert mails (API_PUBLIC_URL, ACK_LINK_TTL_HOURS, ACK_LINK_SECRET). Without a
 * public URL there are no links: the monitor cannot know how a reader's browser reaches it.
 *
 * @param publicUrl the monitor's HTTP server as the reader's browser reaches it, without a trailing slash
 * @param ttl       how long a link stays valid
 * @param secret    the HMAC key; empty = a random key kept in DATA_DIR
 */
public record AckLinkSettings(Optional<String> publicUrl, Duration ttl, Optional<String> secret) {

    static AckLinkSettings read(Properties properties) {
        PropertyReader p = new PropertyReader(properties);
        Optional<String> publicUrl = p.optional("api.public.url").map(AckLinkSettings::checkedUrl);
        Duration ttl = Duration.ofMillis(Math.round(3_600_000 * p.number("ack.link.ttl.hours", false)));
        Optional<String> secret = p.optional("ack.link.secret");
        if (secret.isPresent() && secret.get().length() < 16) {
            throw PropertyReader.invalid("ack.link.secret", "is shorter than 16 characters; use a long random value,"
                    + " e.g. `openssl rand -hex 32`, or leave it empty for a key kept in DATA_DIR");
        }
        return new AckLinkSettings(publicUrl, ttl, secret);
    }

    private static String checkedUrl(String raw) {
        try {
            URI uri = new URI(raw);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return raw.replaceAll("/+$", "");
            }
        } catch (URISyntaxException ignored) {
            // reported below with the value
        }
        throw PropertyReader.invalid("api.public.url", "'" + raw + "' is not an http:// or https:// URL without query,"
                + " e.g. http://monitor.example.com:8080");
    }

    @Override
    public String toString() {
        return publicUrl.map(url -> "ackLinks=" + url + " (valid " + ttl.toString().substring(2).toLowerCase(Locale.ROOT) + ")")
                .orElse("ackLinks=off (no API_PUBLIC_URL)");
    }
}
