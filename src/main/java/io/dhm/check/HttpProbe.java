package io.dhm.check;

import io.dhm.engine.ContainerView;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP GET of the check's URL from the monitor's host; passes on an accepted status and, if given, a body match. */
public class HttpProbe implements Probe {

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    @Override
    public ProbeResult probe(CheckSpec spec, ContainerView container) {
        long start = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(spec.target()))
                    .timeout(spec.timeout())
                    .header("User-Agent", "docker-health-monitor")
                    .GET().build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (!StatusCodes.parse(spec.status()).test(response.statusCode())) {
                return new ProbeResult(false, "HTTP " + response.statusCode() + " (expected " + spec.status() + ")", millis);
            }
            if (spec.body() != null && !spec.body().matcher(response.body()).find()) {
                return new ProbeResult(false, "HTTP " + response.statusCode() + " without /" + spec.body().pattern() + "/ in the body", millis);
            }
            return new ProbeResult(true, "HTTP " + response.statusCode(), millis);
        } catch (IOException | IllegalArgumentException e) {
            return new ProbeResult(false, Probe.reason(e), (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeResult(false, "interrupted", (System.nanoTime() - start) / 1_000_000);
        }
    }
}
