package io.dhm.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;

import java.util.Map;

/**
 * A container without a health check that exits on its own with code 3 at will ({@link #fault()}: it looks for
 * /tmp/exit every second), and that no restart policy brings back: the monitor judges it by its lifecycle alone.
 * {@link #repair()} starts it again.
 */
record CrashProbe(DockerClient client, String id, String name) implements Trouble {

    private static final String COMMAND = "rm -f /tmp/exit; trap 'exit 0' TERM; "
            + "while [ ! -f /tmp/exit ]; do sleep 1; done; echo crashing; exit 3";

    static CrashProbe start(DockerClient client, String name) {
        String id = client.createContainerCmd(BenchSupport.IMAGE).withName(name)
                .withLabels(Map.of(BenchSupport.LABEL, "true")).withCmd("sh", "-c", COMMAND)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                .exec().getId();
        client.startContainerCmd(id).exec();
        return new CrashProbe(client, id, name);
    }

    @Override
    public void fault() throws InterruptedException {
        BenchSupport.exec(client, id, "touch", "/tmp/exit");
    }

    @Override
    public String onset() {
        return "die";
    }

    @Override
    public void repair() {
        client.startContainerCmd(id).exec();
    }
}
