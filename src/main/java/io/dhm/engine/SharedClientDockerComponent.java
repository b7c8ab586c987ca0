package io.dhm.engine;

import com.github.dockerjava.api.DockerClient;
import org.apache.camel.component.docker.DockerClientProfile;
import org.apache.camel.component.docker.DockerComponent;

import java.util.Map;

/**
 * camel-docker's component, every docker: endpoint using the monitor's own client. camel-docker would build a client
 * per host/port/socket option set with its Netty or Jersey transport; this one already speaks DOCKER_HOST (a unix
 * socket such as unix:///var/run/docker.sock, or tcp:// with TLS) as the rest of the monitor does. With several
 * engines (DOCKER_HOSTS) an endpoint's {@code host} option names the engine: docker:containerrestart?host=web2.
 */
final class SharedClientDockerComponent extends DockerComponent {

    private final Map<String, DockerClient> byEngine;
    private final DockerClient first;

    SharedClientDockerComponent(Map<String, DockerClient> byEngine, DockerClient first) {
        this.byEngine = Map.copyOf(byEngine);
        this.first = first;
    }

    @Override
    public DockerClient getClient(DockerClientProfile clientProfile) {
        return byEngine.getOrDefault(clientProfile.getHost(), first);
    }
}
