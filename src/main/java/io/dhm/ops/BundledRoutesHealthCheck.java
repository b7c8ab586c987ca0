package io.dhm.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Readiness "bundled-routes": DOWN while a bundled route is not running, naming it. Each one is a stage of the
 * pipeline or a way out, and an operator can stop or remove one at run time (camel route stop, JMX, Jolokia); Camel's
 * own route checks see a stopped route, but not one that is gone.
 */
public class BundledRoutesHealthCheck extends AbstractHealthCheck {

    private final Set<String> required;

    public BundledRoutesHealthCheck(Collection<String> routeIds) {
        super("dhm", "bundled-routes");
        this.required = new TreeSet<>(routeIds);
    }

    /** The process is alive with a route stopped; it just does not do its whole job. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CamelContext context = getCamelContext();
        List<String> notRunning = new ArrayList<>();
        for (String id : required) {
            ServiceStatus status = context.getRoute(id) == null ? null : context.getRouteController().getRouteStatus(id);
            if (status == null) {
                notRunning.add(id + " (missing)");
            } else if (!status.isStarted()) {
                notRunning.add(id + " (" + status.name().toLowerCase() + ")");
            }
        }
        builder.detail("routes.required", required.size());
        if (notRunning.isEmpty()) {
            builder.up();
        } else {
            builder.detail("routes.not.running", String.join(", ", notRunning));
            builder.down().message("bundled routes not running: " + String.join(", ", notRunning));
        }
    }
}
