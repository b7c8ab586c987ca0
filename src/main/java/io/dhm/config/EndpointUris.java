package io.dhm.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Camel endpoint URIs as alert targets (channel "endpoint"): each URI of ALERT_ENDPOINTS, and a recipient written
 * {@code camel:<uri>} in a routing rule. Only the form is checked here; whether Camel knows the scheme and its options
 * is checked when Camel starts (EndpointConfiguration), where the components are.
 */
public final class EndpointUris {

    /** How a routing rule names an endpoint among email addresses and webhook URLs. */
    public static final String PREFIX = "camel:";

    /** scheme:rest, as Camel URIs are, or a whole {{placeholder}} for a URI that holds a comma or a semicolon. */
    private static final Pattern FORM = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:\\S+|\\{\\{[^{}\\s]+}}");

    private EndpointUris() {
    }

    public static boolean isEndpoint(String recipient) {
        return recipient.trim().toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }

    /** The URI a recipient names: what follows {@code camel:}. */
    public static String uri(String recipient) {
        String trimmed = recipient.trim();
        return isEndpoint(trimmed) ? trimmed.substring(PREFIX.length()).trim() : trimmed;
    }

    /** A recipient {@code camel:<uri>}, or an entry of ALERT_ENDPOINTS with or without the prefix, checked for form. */
    public static String parse(String variable, String recipient) {
        String uri = uri(recipient);
        if (!FORM.matcher(uri).matches()) {
            throw new InvalidSettingException(variable, "'" + recipient.trim() + "' is not a Camel endpoint URI"
                    + " (expected e.g. kafka:alerts?brokers=localhost:9092, file:/var/alerts or direct:my-alerts)");
        }
        return uri;
    }

    public static List<String> parseList(String variable, String text) {
        return CommaList.parse(text, item -> parse(variable, item));
    }
}
