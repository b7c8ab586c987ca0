package io.dhm.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The container a benchmark makes unhealthy and healthy at will: healthy while /tmp/ok exists, checked by the engine
 * every 500 ms with one retry, so the engine declares it unhealthy within about a second of {@link #fault()}. Its
 * command creates /tmp/ok, so a restart makes it healthy again, and traps SIGTERM, so a restart's stop is quick.
 */
record Probe(DockerClient client, String id, String name) implements Trouble {

    static final Duration INTERVAL = Duration.ofMillis(500);
    private static final String COMMAND = "touch /tmp/ok; trap 'exit 0' TERM; sleep infinity & wait";

    /** Creates and starts it with {@link BenchSupport#LABEL}=true and {@code labels}, on no network. */
    static Probe start(DockerClient client, String name, Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(BenchSupport.LABEL, "true");
        String id = client.createContainerCmd(BenchSupport.IMAGE).withName(name).withLabels(all)
                .withCmd("sh", "-c", COMMAND)
                .withHealthcheck(new HealthCheck().withTest(List.of("CMD", "test", "-f", "/tmp/ok"))
                        // generous: a loaded 2-core machine can take seconds to start an exec
                        .withInterval(INTERVAL.toNanos()).withTimeout(TimeUnit.SECONDS.toNanos(10)).withRetries(1))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                .exec().getId();
        client.startContainerCmd(id).exec();
        return new Probe(client, id, name);
    }

    /** Removes /tmp/ok: the next check fails. Returns once the exec has finished. */
    @Override
    public void fault() throws InterruptedException {
        BenchSupport.exec(client, id, "rm", "-f", "/tmp/ok");
    }

    @Override
    public String onset() {
        return "health_status: unhealthy";
    }

    @Override
    public void repair() throws InterruptedException {
        BenchSupport.exec(client, id, "touch", "/tmp/ok");
    }

    void remove() {
        client.removeContainerCmd(id).withForce(true).exec();
    }
}
