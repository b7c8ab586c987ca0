package io.dhm.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The real Docker engine started by scripts/sandbox-engine.sh, and the busybox containers the tests drive: each one
 * writes a numbered log line every second and is healthy while /tmp/ok exists.
 */
final class SandboxEngine {

    static final String IMAGE = "dhm/busybox:test";
    static final String TEST_LABEL = "io.dhm.it";
    private static final String LOG_LOOP = "touch /tmp/ok; i=0; while true; do echo \"log line $i\"; i=$((i+1)); sleep 1; done";

    private static final HealthCheck TMP_OK_CHECK = new HealthCheck()
            .withTest(List.of("CMD", "test", "-f", "/tmp/ok"))
            .withInterval(TimeUnit.MILLISECONDS.toNanos(500))
            .withTimeout(TimeUnit.SECONDS.toNanos(10)) // a loaded 2-core machine can be slow to exec
            .withRetries(1);

    final String dockerHost;
    final DockerClient client;

    SandboxEngine() {
        this("DOCKER_HOST", "scripts/sandbox-engine.sh");
    }

    /** The engine whose unix socket the environment variable {@code variable} names, as {@code script} prints it. */
    SandboxEngine(String variable, String script) {
        dockerHost = System.getenv(variable);
        if (dockerHost == null || dockerHost.isBlank()) {
            throw new IllegalStateException(variable + " is not set: start the engine with " + script + " and "
                    + "export what its env command prints (scripts/test.sh does both)");
        }
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
        client = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).responseTimeout(Duration.ofSeconds(60)).build());
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Starts a container that is healthy until {@link #makeUnhealthy}; labels may carry compose identity. */
    String startMonitored(String name, Map<String, String> labels) {
        return startMonitored(name, labels, TMP_OK_CHECK);
    }

    /** The same with the /tmp/ok check every {@code interval}: many containers at once load the machine less. */
    String startMonitored(String name, Duration interval) {
        return startMonitored(name, Map.of(), new HealthCheck().withTest(TMP_OK_CHECK.getTest())
                .withInterval(interval.toNanos()).withTimeout(TMP_OK_CHECK.getTimeout()).withRetries(TMP_OK_CHECK.getRetries()));
    }

    private String startMonitored(String name, Map<String, String> labels, HealthCheck check) {
        String id = run(name, labels, LOG_LOOP, check, HostConfig.newHostConfig().withNetworkMode("none"));
        awaitHealth(id, "healthy");
        return id;
    }

    /**
     * Starts a test container with any command: host network when {@code hostNetwork} (for checks of its ports from
     * the monitor), else none; a "healthcheck" is the /tmp/ok test of the monitored containers, with no wait for it.
     */
    String start(String name, Map<String, String> labels, String command, boolean healthcheck, boolean hostNetwork,
                 String restartPolicy) {
        HostConfig host = HostConfig.newHostConfig().withNetworkMode(hostNetwork ? "host" : "none");
        if (restartPolicy != null) {
            host.withRestartPolicy(RestartPolicy.parse(restartPolicy));
        }
        return run(name, labels, command, healthcheck ? TMP_OK_CHECK : null, host);
    }

    /** Starts a test container running {@code command} with a health check of its own (or none) on {@code host}. */
    String run(String name, Map<String, String> labels, String command, HealthCheck check, HostConfig host) {
        Map<String, String> allLabels = new HashMap<>(labels);
        allLabels.put(TEST_LABEL, "true");
        CreateContainerCmd create = client.createContainerCmd(IMAGE).withName(name).withLabels(allLabels)
                .withCmd("sh", "-c", command).withHostConfig(host);
        if (check != null) {
            create.withHealthcheck(check);
        }
        String id = create.exec().getId();
        client.startContainerCmd(id).exec();
        return id;
    }

    /** The /tmp/ok health check of the monitored containers, failures not counted for {@code startPeriod}. */
    static HealthCheck tmpOkCheck(Duration startPeriod) {
        return new HealthCheck().withTest(TMP_OK_CHECK.getTest()).withInterval(TMP_OK_CHECK.getInterval())
                .withTimeout(TMP_OK_CHECK.getTimeout()).withRetries(TMP_OK_CHECK.getRetries())
                .withStartPeriod(startPeriod.toNanos());
    }

    /** A monitored (healthchecked) container running {@code command}, optionally with a memory limit in bytes. */
    String startMonitoredRunning(String name, String command, long memoryBytes) {
        HostConfig host = HostConfig.newHostConfig().withNetworkMode("none");
        if (memoryBytes > 0) {
            host.withMemory(memoryBytes).withMemorySwap(memoryBytes);
        }
        String id = client.createContainerCmd(IMAGE).withName(name).withLabels(Map.of(TEST_LABEL, "true"))
                .withCmd("sh", "-c", "touch /tmp/ok; " + command).withHealthcheck(TMP_OK_CHECK).withHostConfig(host)
                .exec().getId();
        client.startContainerCmd(id).exec();
        awaitHealth(id, "healthy");
        return id;
    }

    String startMonitored(String name) {
        return startMonitored(name, Map.of());
    }

    /**
     * A container like {@link #startMonitored} whose health check explains itself when it fails (it prints why and
     * exits 1), that exits with code 3 when /tmp/exit appears (see {@link #makeExit}), and that the engine restarts
     * on such an exit (restart policy on-failure).
     */
    String startExplaining(String name, Map<String, String> labels) {
        Map<String, String> allLabels = new HashMap<>(labels);
        allLabels.put(TEST_LABEL, "true");
        HealthCheck explaining = new HealthCheck()
                .withTest(List.of("CMD-SHELL", "test -f /tmp/ok || { echo \"backend refused: /tmp/ok is missing\"; exit 1; }"))
                .withInterval(TMP_OK_CHECK.getInterval()).withTimeout(TMP_OK_CHECK.getTimeout()).withRetries(1);
        String id = client.createContainerCmd(IMAGE).withName(name).withLabels(allLabels)
                .withCmd("sh", "-c", "rm -f /tmp/exit; touch /tmp/ok; i=0; while [ ! -f /tmp/exit ]; do "
                        + "echo \"log line $i\"; i=$((i+1)); sleep 1; done; exit 3")
                .withHealthcheck(explaining)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")
                        .withRestartPolicy(RestartPolicy.onFailureRestart(5)))
                .exec().getId();
        client.startContainerCmd(id).exec();
        awaitHealth(id, "healthy");
        return id;
    }

    /**
     * A container that is healthy while {@code shared}/db-ok exists (the folder is mounted at /shared); with
     * {@code createsFile} it creates the file when it starts, as a database that others need would come up.
     */
    String startSharing(String name, Map<String, String> labels, java.nio.file.Path shared, boolean createsFile) {
        Map<String, String> allLabels = new HashMap<>(labels);
        allLabels.put(TEST_LABEL, "true");
        HealthCheck check = new HealthCheck().withTest(List.of("CMD", "test", "-f", "/shared/db-ok"))
                .withInterval(TMP_OK_CHECK.getInterval()).withTimeout(TMP_OK_CHECK.getTimeout()).withRetries(1);
        String id = client.createContainerCmd(IMAGE).withName(name).withLabels(allLabels)
                .withCmd("sh", "-c", (createsFile ? "touch /shared/db-ok; " : "")
                        + "trap 'exit 0' TERM; i=0; while true; do echo \"log line $i\"; i=$((i+1)); sleep 1; done")
                .withHealthcheck(check)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")
                        .withBinds(new Bind(shared.toString(), new Volume("/shared"))))
                .exec().getId();
        client.startContainerCmd(id).exec();
        return id;
    }

    /** A container of {@link #startExplaining} exits with code 3 within a second. */
    void makeExit(String id) {
        exec(id, "touch", "/tmp/exit");
    }

    int restartCount(String id) {
        return client.inspectContainerCmd(id).exec().getRestartCount();
    }

    void makeUnhealthy(String id) {
        exec(id, "rm", "-f", "/tmp/ok");
    }

    void makeHealthy(String id) {
        exec(id, "touch", "/tmp/ok");
    }

    void awaitHealth(String id, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> status.equals(client.inspectContainerCmd(id).exec().getState().getHealth().getStatus()));
    }

    void remove(String id) {
        try {
            client.removeContainerCmd(id).withForce(true).exec();
        } catch (NotFoundException ignored) {
            // already gone
        }
    }

    /** Removes every container a test run left behind. */
    void removeTestContainers() {
        for (Container container : client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(TEST_LABEL, "true")).exec()) {
            remove(container.getId());
        }
    }

    /** When the container's current run began (a restart changes it). */
    String startedAt(String id) {
        return client.inspectContainerCmd(id).exec().getState().getStartedAt();
    }

    boolean running(String id) {
        return Boolean.TRUE.equals(client.inspectContainerCmd(id).exec().getState().getRunning());
    }

    void stop(String id, int timeoutSec) {
        client.stopContainerCmd(id).withTimeout(timeoutSec).exec();
    }

    void exec(String id, String... command) {
        String execId = client.execCreateCmd(id).withCmd(command).exec().getId();
        try {
            client.execStartCmd(execId).exec(new ResultCallback.Adapter<>()).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
