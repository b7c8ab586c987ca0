package io.dhm.deliver;

import io.dhm.alert.Alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The alerts one message carries to one target: a single alert, or every alert for that target that arrived within
 * ALERT_GROUP_WAIT_SEC.
 *
 * @param target comma-separated email addresses for "smtp", "ses" and "folder"; a URL for "webhook"
 */
public record Batch(String channel, String target, List<Alert> alerts) {

    public Batch {
        alerts = List.copyOf(alerts);
    }

    /** The email addresses of an email target. */
    public List<String> addresses() {
        return target.isBlank() ? List.of() : List.of(target.split("\\s*,\\s*"));
    }

    public List<String> alertIds() {
        return alerts.stream().map(Alert::id).toList();
    }

    /** The alert ids as one header value (X-Alert-Id). */
    public String alertIdHeader() {
        return String.join(",", alertIds());
    }

    /**
     * The same for every try of the same batch, so that a receiver can drop a repeat: the alert id for one alert, a
     * digest of the ids for a group.
     */
    public String messageKey() {
        if (alerts.size() == 1) {
            return alerts.get(0).id();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(",", alertIds()).getBytes(StandardCharsets.UTF_8));
            return "group-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
