package io.dhm.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.Properties;

/**
 * The operations surface (HTTP_HOST, HTTP_PORT, API_TOKEN): the REST API, the dashboard, metrics
 * and health on one embedded HTTP server, on 127.0.0.1 unless told otherwise.
 *
 * @param token    bearer token for the API's changing calls; without one the API is read-only
 * @param ackLinks the signed acknowledge links of alert mails, served by the same server
 */
public record ApiSettings(String host, int port, Optional<String> token, AckLinkSettings ackLinks) {

    static ApiSettings read(Properties properties) {
        PropertyReader p = new PropertyReader(properties);
        Optional<String> token = p.optional("api.token");
        if (token.isPresent() && token.get().length() < 16) {
            throw PropertyReader.invalid("api.token", "is shorter than 16 characters; use a long random value, e.g. `openssl rand -hex 24`");
        }
        return new ApiSettings(p.text("http.host"), p.port("http.port"), token, AckLinkSettings.read(properties));
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
                + ", " + ackLinks;
    }
}
