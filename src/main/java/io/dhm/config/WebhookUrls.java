package io.dhm.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/** http(s) URLs of webhook receivers, checked at start-up. */
public final class WebhookUrls {

    private WebhookUrls() {
    }

    public static boolean looksLikeUrl(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    public static String parse(String variable, String url) {
        try {
            URI uri = new URI(url.trim());
            if (uri.getHost() == null || !looksLikeUrl(url)) {
                throw new URISyntaxException(url, "expected http(s)://host/...");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(variable, "'" + url + "' is not a valid http(s) URL (" + e.getReason() + ")");
        }
    }

    public static List<String> parseList(String variable, String text) {
        return CommaList.parse(text, item -> parse(variable, item));
    }
}
