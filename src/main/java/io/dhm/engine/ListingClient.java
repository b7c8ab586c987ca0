package io.dhm.engine;

import com.github.dockerjava.api.DockerClient;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * An engine connection that only lists the running containers: the docker-health-source Kamelet's one call, made
 * without the monitor's settings, metrics or outage bookkeeping. docker-java connects only at the first request.
 */
public final class ListingClient implements Closeable {

    private final DockerClient client;

    private ListingClient(DockerClient client) {
        this.client = client;
    }

    /** @param certPath folder with ca.pem, cert.pem and key.pem for TLS, or null for none */
    public static ListingClient connect(String dockerHost, String certPath) {
        return new ListingClient(DockerClients.connect(dockerHost, certPath != null, certPath, Duration.ofSeconds(30)));
    }

    /** Every running container in one list call; health is read from the list's status text. */
    public List<ContainerView> running() {
        return client.listContainersCmd().withShowAll(false).exec().stream().map(ContainerView::fromList).toList();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
