package io.dhm.alert;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The signed "Acknowledge" link of an alert mail: {@code PUBLIC_URL/ack/ALERT_ID?expires=EPOCH_SECONDS&sig=HMAC}. The
 * HMAC-SHA256 signature over the alert id and the expiry is the link's only authority (the reader has no API token),
 * so a link is good for its one alert and until it expires, and a changed id or expiry no longer matches.
 */
public class AckLinks {

    /** What a link presented to the monitor is worth. */
    public enum Verdict { VALID, EXPIRED, INVALID }

    private static final String ALGORITHM = "HmacSHA256";

    private final Optional<String> publicUrl;
    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    /** @param publicUrl the monitor's HTTP server as readers reach it, no trailing slash; empty = no links */
    public AckLinks(Optional<String> publicUrl, byte[] key, Duration ttl, Clock clock) {
        this.publicUrl = publicUrl;
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** No links: the mails of a monitor without API_PUBLIC_URL, and the tools that only render text. */
    public static AckLinks none() {
        return new AckLinks(Optional.empty(), new byte[] {0}, Duration.ZERO, Clock.systemUTC());
    }

    /** The link for an alert that can be acknowledged ({@link Alert#acknowledgeable}), or null when there are no links. */
    public String url(Alert alert) {
        if (publicUrl.isEmpty() || !alert.acknowledgeable()) {
            return null;
        }
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return publicUrl.get() + "/ack/" + alert.id() + "?expires=" + expires + "&sig=" + signature(alert.id(), expires);
    }

    /** Checks the signature first, so that a tampered link is never reported as merely expired. */
    public Verdict check(String alertId, String expires, String signature) {
        if (publicUrl.isEmpty() || alertId == null || expires == null || signature == null) {
            return Verdict.INVALID;
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return Verdict.INVALID;
        }
        byte[] expected = signature(alertId, expiresAt).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.INVALID;
        }
        return clock.instant().getEpochSecond() < expiresAt ? Verdict.VALID : Verdict.EXPIRED;
    }

    public Duration ttl() {
        return ttl;
    }

    private String signature(String alertId, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(("ack|" + alertId + "|" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
