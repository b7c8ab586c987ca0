package io.dhm.ops;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.RouteAddedEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;

/**
 * Lets a restarted route's camel_exchanges_inflight gauge be registered afresh. Camel's exchange event notifier
 * registers that gauge on every RouteAddedEvent, which Camel sends again when a stopped route starts (camel route
 * start, JMX, Jolokia); Micrometer then keeps the old gauge and logs a WARN that it was already registered. Told of
 * the event first (it is added before Camel starts its notifier), this removes the route's gauge just before.
 */
public class RouteRestartMeters extends SimpleEventNotifierSupport {

    static final String INFLIGHT = "camel.exchanges.inflight";

    private final MeterRegistry registry;

    public RouteRestartMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof RouteAddedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        String routeId = ((RouteAddedEvent) event).getRoute().getRouteId();
        registry.find(INFLIGHT).tag("routeId", routeId).meters().forEach(registry::remove);
    }
}
