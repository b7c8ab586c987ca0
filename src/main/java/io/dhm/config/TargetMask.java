package io.dhm.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret parts of the targets a setting names, masked wherever it is shown (the API, its export, delivery records,
 * the dashboard): a webhook URL's path and query often are its token (Slack's /services/T.../B.../XXXX, a
 * ?token=...), a URL's user-info is a password, and a Camel endpoint's options carry keys. What is left, scheme, host
 * and port, and an endpoint's scheme and path, still tells the reader which target it is.
 */
public final class TargetMask {

    /** An http(s) URL: its scheme, user-info, host[:port], and the rest. */
    private static final Pattern HTTP = Pattern.compile("(?i)\\b(https?://)([^/\\s,;?#@]*@)?([^/\\s,;?#]+)([^\\s,;]*)");
    /** The user-info of any other URI with an authority. */
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/\\s,;@]+@");
    /** A query option's value. */
    private static final Pattern OPTION = Pattern.compile("([?&][^=&\\s,;]+=)([^&\\s,;]*)");

    private TargetMask() {
    }

    /** Every URL and endpoint URI in {@code text} (a list, routing rules, one target) with its secret parts masked. */
    public static String inText(String text) {
        if (!namesTargets(text)) {
            return text;
        }
        Matcher http = HTTP.matcher(text);
        StringBuilder masked = new StringBuilder();
        while (http.find()) {
            String rest = http.group(4);
            http.appendReplacement(masked, Matcher.quoteReplacement(http.group(1)
                    + (http.group(2) == null ? "" : LiveSettings.SECRET + "@") + http.group(3)
                    + (rest.isEmpty() || rest.equals("/") ? rest : "/" + LiveSettings.SECRET)));
        }
        http.appendTail(masked);
        String uris = USER_INFO.matcher(masked).replaceAll(Matcher.quoteReplacement(LiveSettings.SECRET + "@"));
        return OPTION.matcher(uris).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + LiveSettings.SECRET));
    }

    /**
     * The parts {@link #inText} masks, as they are written in {@code text}, for {@link SecretValues} to mask wherever
     * they appear: each user-info, each http(s) URL's path (with its leading slash, so that a path that is a plain
     * word is not masked in every other text) and each option's value.
     */
    static List<String> secretParts(String text) {
        List<String> parts = new ArrayList<>();
        if (!namesTargets(text)) {
            return parts;
        }
        Matcher http = HTTP.matcher(text);
        while (http.find()) {
            String path = http.group(4).split("[?#]", 2)[0];
            if (!path.equals("/")) {
                parts.add(path);
            }
        }
        Matcher userInfo = USER_INFO.matcher(text);
        while (userInfo.find()) {
            String credentials = userInfo.group();
            parts.add(credentials.substring(0, credentials.length() - 1));
            parts.add(credentials.substring(credentials.indexOf(':') + 1, credentials.length() - 1)); // the password
        }
        Matcher option = OPTION.matcher(text);
        while (option.find()) {
            parts.add(option.group(2));
        }
        return parts;
    }

    /** Whether {@code text} may hold a URL or an endpoint URI with options: most settings hold neither. */
    private static boolean namesTargets(String text) {
        return text != null && (text.contains("://") || text.contains("?"));
    }
}
