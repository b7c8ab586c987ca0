package io.dhm.engine;

import com.github.dockerjava.api.DockerClient;
import org.apache.camel.component.docker.DockerClientProfile;
import org.apache.camel.component.docker.DockerComponent;

/**
 * camel-docker's component, every docker: endpoint using the monitor's own client. camel-docker would build a client
 * per host/port/socket option set with its Netty or Jersey transport; this one already speaks DOCKER_HOST (a unix
 * socket such as unix:///var/run/docker.sock, or tcp:// with TLS) as the rest of the monitor does.
 */
final class SharedClientDockerComponent extends DockerComponent {

    private final DockerClient client;

    SharedClientDockerComponent(DockerClient client) {
        this.client = client;
    }

    @Override
    public DockerClient getClient(DockerClientProfile clientProfile) {
        return client;
    }
}
