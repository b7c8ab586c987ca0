package io.dhm.ops;

import io.dhm.cluster.Leadership;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * Readiness "cluster": always UP (a follower is as ready as the leader: it takes over at once), with the instance's
 * role as its detail ("single", "leader" or "follower"), so that /observe/health says which instance of a pair leads.
 */
public class ClusterHealthCheck extends AbstractHealthCheck {

    private final Leadership leadership;

    public ClusterHealthCheck(Leadership leadership) {
        super("dhm", "cluster");
        this.leadership = leadership;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("role", leadership.roleName()).up();
    }
}
