package io.dhm.ops;

import io.dhm.config.SettingSources;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The container image's HEALTHCHECK: asks the monitor running in the same container for its readiness
 * (/observe/health/ready) and exits 0 when it is UP, 1 otherwise, so that `docker ps` and Compose's
 * {@code depends_on: condition: service_healthy} see what the monitor says of itself. It reads the port and address
 * from the same settings as the monitor (the environment, .env, application.properties in the working directory).
 */
public final class ReadinessProbe {

    private ReadinessProbe() {
    }

    public static void main(String[] args) {
        Properties settings = SettingSources.load(Path.of("").toAbsolutePath(), System.getenv());
        String host = settings.getProperty("http.host", "127.0.0.1");
        // a monitor listening on every address answers on the loopback one too
        String address = host.isBlank() || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        URI ready = URI.create("http://" + (address.contains(":") ? "[" + address + "]" : address) + ":"
                + settings.getProperty("http.port", "8080") + "/observe/health/ready");
        int exitCode;
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            System.out.println(ready + ": " + answer.statusCode() + " " + answer.body().strip());
            exitCode = answer.statusCode() == 200 ? 0 : 1;
        } catch (Exception e) {
            System.out.println(ready + ": no answer (" + e.getClass().getSimpleName() + ")");
            exitCode = 1;
        }
        System.exit(exitCode);
    }
}
