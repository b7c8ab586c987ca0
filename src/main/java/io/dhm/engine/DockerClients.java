package io.dhm.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.time.Duration;

/**
 * A docker-java client over the dependency-free transport, configured as DOCKER_HOST, DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH would: shared by {@link DockerGateway} and the docker-health-source Kamelet, which ships without
 * the monitor's settings.
 */
final class DockerClients {

    private DockerClients() {
    }

    /**
     * @param certPath        folder with ca.pem, cert.pem and key.pem, or null
     * @param responseTimeout how long one request may take, or null for none (the long-lived event stream)
     */
    static DockerClient connect(String dockerHost, boolean tlsVerify, String certPath, Duration responseTimeout) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .withDockerTlsVerify(tlsVerify);
        if (certPath != null) {
            builder.withDockerCertPath(certPath);
        }
        DockerClientConfig config = builder.build();
        ZerodepDockerHttpClient.Builder http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .maxConnections(64);
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return DockerClientImpl.getInstance(config, http.build());
    }
}
