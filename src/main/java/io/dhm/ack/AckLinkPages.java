package io.dhm.ack;

import io.dhm.alert.AckLinks;
import io.dhm.alert.Alert;
import io.dhm.alert.AlertText;
import org.apache.camel.Header;
import org.apache.camel.Message;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The small HTML pages behind a mail's signed Acknowledge link (route ack-link): GET shows the alert and a form and
 * changes nothing; the form's POST acknowledges and confirms it. Every refusal is a page that says why, and changes
 * nothing: 404 for an unknown or altered link, 410 for an expired one, 409 when the container recovered.
 */
public class AckLinkPages {

    private static final String RESPONSE_CODE = "CamelHttpResponseCode";

    private final AckLinks links;
    private final AlertAcknowledger acknowledger;
    private final Clock clock;

    public AckLinkPages(AckLinks links, AlertAcknowledger acknowledger, Clock clock) {
        this.links = links;
        this.acknowledger = acknowledger;
        this.clock = clock;
    }

    /** GET: what the alert is, who acknowledged it already, and the form; nothing changes. */
    public String form(@Header("id") String id, @Header("expires") String expires, @Header("sig") String sig,
                       Message reply) throws SQLException {
        String refused = refusedLink(id, expires, sig, reply);
        if (refused != null) {
            return refused;
        }
        try {
            AlertAcknowledger.Episode episode = acknowledger.episode(id);
            String earlier = episode.acknowledgement()
                    .map(done -> "<p><b>Already " + escape(described(done)) + ".</b> Nothing more to do.</p>")
                    .orElse(null);
            if (earlier != null) {
                return page("Already acknowledged", alert(episode.alert()) + earlier);
            }
            return page("Acknowledge alert", alert(episode.alert())
                    + "<form method=\"post\" action=\"?expires=" + escape(expires) + "&amp;sig=" + escape(sig) + "\">"
                    + "<p><label>Your name<br><input name=\"by\" required maxlength=\"200\"></label></p>"
                    + "<p><label>Comment<br><textarea name=\"comment\" rows=\"3\" cols=\"50\" maxlength=\"1000\"></textarea>"
                    + "</label></p><p><button type=\"submit\">Acknowledge</button></p></form>"
                    + "<p>Acknowledging stops the repeats of this alert until the container recovers; the recovery is"
                    + " still announced, and a new problem alerts again.</p>");
        } catch (AckRefused refusal) {
            return refusal(refusal, reply);
        }
    }

    /** POST of the form (fields by, comment): acknowledges and confirms. */
    public String acknowledge(@Header("id") String id, @Header("expires") String expires, @Header("sig") String sig,
                              @Header("by") String by, @Header("comment") String comment, Message reply)
            throws SQLException {
        String refused = refusedLink(id, expires, sig, reply);
        if (refused != null) {
            return refused;
        }
        try {
            Acknowledgement done = acknowledger.acknowledge(id, by, comment);
            return page("Acknowledged", "<p>" + escape(done.container()) + ": " + escape(described(done)) + ".</p>"
                    + "<p>No more repeats of this alert; the recovery will still be announced.</p>");
        } catch (AckRefused refusal) {
            return refusal(refusal, reply);
        }
    }

    /** The page for a link that is not valid, or null when it is. */
    private String refusedLink(String id, String expires, String sig, Message reply) {
        return switch (links.check(id, expires, sig)) {
            case VALID -> null;
            case EXPIRED -> {
                reply.setHeader(RESPONSE_CODE, 410);
                yield page("Link expired", "<p>This acknowledge link has expired (links are valid for "
                        + links.ttl().toString().substring(2).toLowerCase(Locale.ROOT) + "). Nothing was acknowledged:"
                        + " acknowledge the alert in the dashboard or through the API.</p>");
            }
            case INVALID -> {
                reply.setHeader(RESPONSE_CODE, 404);
                yield page("Unknown link", "<p>This is not an acknowledge link the monitor signed: it was changed or"
                        + " cut short, or the monitor's ACK_LINK_SECRET changed since. Nothing was acknowledged.</p>");
            }
        };
    }

    /** The monitor failed (route ack-link-errors logs why): it cannot tell whether anything changed. */
    public String failed() {
        return page("Something went wrong", "<p>The monitor could not handle this link just now (its log says why)."
                + " Open the link again in a moment, or use the dashboard.</p>");
    }

    private String refusal(AckRefused refusal, Message reply) {
        reply.setHeader(RESPONSE_CODE, refusal.httpStatus());
        return page("Not acknowledged", "<p>" + escape(refusal.getMessage()) + ". Nothing was acknowledged.</p>");
    }

    private static String alert(Alert alert) {
        return "<p><b>" + escape(alert.severity().name()) + "</b>: " + escape(alert.container()) + " ["
                + escape(alert.projectLabel()) + "] " + escape(alert.fromStatus()) + " &rarr; " + escape(alert.toStatus())
                + " (" + escape(alert.headline()) + ")<br>" + escape(AlertText.TIME.format(alert.time())) + " on "
                + escape(alert.server()) + ", alert " + escape(alert.id()) + "</p><p>" + escape(alert.details()) + "</p>";
    }

    private String described(Acknowledgement done) {
        return "acknowledged by " + done.by() + " at " + time(done.at())
                + (done.comment() == null ? "" : ": " + done.comment());
    }

    private String time(Instant at) {
        return AlertText.TIME.format(at.atZone(clock.getZone()));
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + " - docker-health-monitor</title><style>body{font-family:sans-serif;max-width:42em;margin:2em auto;"
                + "padding:0 1em;line-height:1.4}</style></head><body><h1>" + escape(title) + "</h1>" + body
                + "</body></html>\n";
    }

    /** Container names, details and comments are text, never markup. */
    static String escape(String text) {
        return Objects.toString(text, "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
