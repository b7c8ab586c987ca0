package io.dhm.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The operations surface (HTTP_HOST, HTTP_PORT, API_TOKEN, API_ALLOWED_HOSTS): the REST API, the dashboard, metrics
 * and health on one embedded HTTP server, on 127.0.0.1 unless told otherwise.
 *
 * @param token        bearer token for the API's changing calls; without one the API is read-only
 * @param allowedHosts host names (lower case, an IPv6 address in brackets) a request's Host header may name besides
 *                     the loopback, HTTP_HOST and API_PUBLIC_URL's host
 * @param ackLinks     the signed acknowledge links of alert mails, served by the same server
 */
public record ApiSettings(String host, int port, Optional<String> token, List<String> allowedHosts, AckLinkSettings ackLinks) {

    /** A host name or IPv4 address, or an IPv6 address in brackets: what a Host header names, without its port. */
    private static final String HOST_NAME = "[a-z0-9]([a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+\\]";

    static ApiSettings read(Properties properties) {
        PropertyReader p = new PropertyReader(properties);
        Optional<String> token = p.optional("api.token");
        if (token.isPresent() && token.get().length() < 16) {
            throw PropertyReader.invalid("api.token", "is shorter than 16 characters; use a long random value, e.g. `openssl rand -hex 24`");
        }
        List<String> allowedHosts = CommaList.parse(p.optional("api.allowed.hosts").orElse(null), ApiSettings::checkedHost);
        return new ApiSettings(p.text("http.host"), p.port("http.port"), token, allowedHosts, AckLinkSettings.read(properties));
    }

    private static String checkedHost(String raw) {
        String host = raw.toLowerCase(Locale.ROOT);
        if (!host.matches(HOST_NAME)) {
            throw PropertyReader.invalid("api.allowed.hosts", "'" + raw + "' is not a host name (no scheme, port or path;"
                    + " an IPv6 address in brackets), e.g. monitor.example.com,10.0.0.5");
        }
        return host;
    }

    /** Fails naming HTTP_PORT when another process listens there: better than a monitor without its API. */
    public void checkPortFree() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw PropertyReader.invalid("http.port", host + ":" + port + " cannot be used (" + e.getMessage()
                    + "); another process listens there, or set HTTP_HOST/HTTP_PORT");
        }
    }

    @Override
    public String toString() {
        return "http=" + host + ":" + port + (token.isPresent() ? " (API token set)" : " (API read-only: no API_TOKEN)")
                + (allowedHosts.isEmpty() ? "" : ", allowedHosts=" + String.join(",", allowedHosts)) + ", " + ackLinks;
    }
}
