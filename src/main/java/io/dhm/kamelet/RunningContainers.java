package io.dhm.kamelet;

import io.dhm.engine.ContainerView;
import io.dhm.engine.EngineUnavailableException;
import io.dhm.engine.ListingClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * docker-health-source's one engine call: every running container, listed. It logs when the engine stops answering
 * and when it answers again, once each, so an engine that is down for an hour does not log every poll.
 */
final class RunningContainers implements Supplier<List<ContainerView>>, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningContainers.class);

    private final String dockerHost;
    private final ListingClient client;
    private boolean answering = true;

    private RunningContainers(String dockerHost, ListingClient client) {
        this.dockerHost = dockerHost;
        this.client = client;
    }

    /**
     * Checks the Kamelet's engine parameters before anything runs, naming the parameter at fault; docker-java
     * connects only at the first request, so an engine that is down does not fail it.
     *
     * @param certPath empty for no TLS, else as DOCKER_CERT_PATH with DOCKER_TLS_VERIFY=1
     */
    static RunningContainers connect(String dockerHost, String certPath) {
        if (!(dockerHost.startsWith("unix://") || dockerHost.startsWith("tcp://") || dockerHost.startsWith("npipe://"))) {
            throw new IllegalArgumentException(DockerHealthSource.NAME + ": dockerHost: '" + dockerHost
                    + "' must start with unix://, tcp:// or npipe://");
        }
        if (!certPath.isEmpty() && !Files.isDirectory(Path.of(certPath))) {
            throw new IllegalArgumentException(DockerHealthSource.NAME + ": dockerCertPath: '" + certPath
                    + "' is not a directory");
        }
        return new RunningContainers(dockerHost, ListingClient.connect(dockerHost, certPath.isEmpty() ? null : certPath));
    }

    /** Health comes from the list's status text, so one call covers every container. */
    @Override
    public synchronized List<ContainerView> get() {
        List<ContainerView> running;
        try {
            running = client.running();
        } catch (RuntimeException e) {
            if (answering) {
                LOG.warn("{}: the Docker engine at {} does not answer ({}); polling on", DockerHealthSource.NAME,
                        dockerHost, e.getMessage());
            }
            answering = false;
            throw new EngineUnavailableException("Docker engine at " + dockerHost + " did not answer", e);
        }
        if (!answering) {
            LOG.info("{}: the Docker engine at {} answers again", DockerHealthSource.NAME, dockerHost);
        }
        answering = true;
        return running;
    }

    String dockerHost() {
        return dockerHost;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
