package io.dhm.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;

import java.util.function.BooleanSupplier;

/**
 * The monitor's readiness, evaluated in-process exactly as /observe/health/ready answers it: every readiness check
 * of Camel's registry (docker, delivery, bundled-routes and Camel's own context, routes and consumers) is UP.
 */
public class Readiness implements BooleanSupplier {

    private final CamelContext context;

    public Readiness(CamelContext context) {
        this.context = context;
    }

    @Override
    public boolean getAsBoolean() {
        return HealthCheckHelper.isResultsUp(HealthCheckHelper.invokeReadiness(context), true);
    }
}
