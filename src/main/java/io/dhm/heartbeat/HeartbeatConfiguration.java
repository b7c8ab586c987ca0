package io.dhm.heartbeat;

import io.dhm.config.HeartbeatSettings;
import io.dhm.foundation.FoundationConfiguration;
import io.dhm.ops.MonitorMetrics;
import io.dhm.ops.Readiness;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Route heartbeat.camel.yaml: the dead-man's switch, which pings HEARTBEAT_URL while readiness is UP. */
public class HeartbeatConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final MonitorMetrics metrics;

    public HeartbeatConfiguration(FoundationConfiguration foundation, MonitorMetrics metrics) {
        this.foundation = foundation;
        this.metrics = metrics;
    }

    @Override
    public void configure(CamelContext context) {
        HeartbeatSettings heartbeat = foundation.settings().heartbeat();
        // in a highly available pair only the leader pings: route heartbeat's policy leaderOnly
        context.getRegistry().bind("heartbeat", new Heartbeat(heartbeat, new Readiness(context),
                new HeartbeatPing(context.createProducerTemplate(), heartbeat), metrics));
    }
}
