package io.dhm.kamelet;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** A text parameter of one of the Kamelets, as its bean receives it; a message about it names the parameter. */
final class KameletParameter {

    private static final Pattern ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");

    private KameletParameter() {
    }

    /**
     * The value as the user wrote it. A Pipe hands its source's properties to the Kamelet URL-encoded (camel-yaml-dsl
     * builds a query string of them and the kamelet component reads its URI raw), so unix:///run/docker.sock arrives
     * as unix%3A%2F%2F%2Frun%2Fdocker.sock. An engine address or a folder as written has a '/', its encoded form none:
     * only a value without any '/' that has escapes is decoded, so a route's plain value is never touched.
     *
     * <p>The same encoding hides a property placeholder from Camel, which then never resolves it: one that arrives
     * here came from a Pipe, and is refused rather than taken for an address.
     */
    static String text(String kamelet, String name, String value) {
        String plain = value == null ? "" : value.trim();
        if (plain.indexOf('/') < 0 && ESCAPE.matcher(plain).find()) {
            plain = URLDecoder.decode(plain, StandardCharsets.UTF_8).trim();
        }
        if (plain.contains("{{")) {
            throw new IllegalArgumentException(kamelet + ": " + name + ": '" + plain + "' is a property placeholder"
                    + " that Camel left unresolved, as it does in a Pipe's source; write the value itself");
        }
        return plain;
    }

    /** A value the Kamelet cannot do without: empty (e.g. "{{env:DOCKER_HOST:}}" with the variable unset) names it. */
    static String required(String kamelet, String name, String value, String example) {
        String plain = text(kamelet, name, value);
        if (plain.isEmpty()) {
            throw new IllegalArgumentException(kamelet + ": the parameter " + name + " is missing or empty; give it, e.g. "
                    + name + ": " + example);
        }
        return plain;
    }
}
