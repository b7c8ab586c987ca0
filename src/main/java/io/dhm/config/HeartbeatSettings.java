package io.dhm.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The dead-man's switch (HEARTBEAT_URL, HEARTBEAT_INTERVAL_SEC): a GET of the URL every interval while the monitor is
 * ready, so that an outside service (healthchecks.io, an Uptime Kuma push monitor) alerts when the pings stop. The URL
 * usually carries a secret (a check's UUID, a push token), so only its {@link #shown() scheme://host[:port]} is ever
 * logged or put in a message.
 *
 * @param url      empty = off
 * @param interval between two pings
 */
public record HeartbeatSettings(Optional<URI> url, Duration interval) {

    /** The longest a ping may take to connect, and then to be answered: a hung receiver never holds the next one up. */
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(5);

    static HeartbeatSettings read(Properties properties) {
        PropertyReader p = new PropertyReader(properties);
        Duration interval = HealSettings.seconds(p, "heartbeat.interval.sec", false);
        if (interval.isZero()) {
            throw PropertyReader.invalid("heartbeat.interval.sec", "is less than a millisecond");
        }
        return new HeartbeatSettings(p.optional("heartbeat.url").map(HeartbeatSettings::checkedUrl), interval);
    }

    /** The error leaves the value out: it may hold the secret of the check. */
    private static URI checkedUrl(String raw) {
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw PropertyReader.invalid("heartbeat.url", "is not an http:// or https:// URL with a host, e.g."
                + " https://hc-ping.com/<uuid> (the value is not shown: it may hold a secret)");
    }

    public boolean enabled() {
        return url.isPresent();
    }

    /** scheme://host[:port] of the URL, the only part of it that is logged; also the camel-http endpoint it is sent by. */
    public Optional<String> shown() {
        return url.map(uri -> uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
    }

    /** Bounds connecting and waiting for the answer: {@link #MAX_TIMEOUT}, or half the interval when that is shorter. */
    public Duration timeout() {
        // whole milliseconds, at least one: camel-http reads a timeout of 0 as none at all
        return Duration.ofMillis(Math.min(MAX_TIMEOUT.toMillis(), Math.max(1, interval.toMillis() / 2)));
    }

    @Override
    public String toString() {
        return shown().map(target -> "heartbeat=" + target + " every " + interval.toMillis() / 1000.0 + " s")
                .orElse("heartbeat=off");
    }
}
