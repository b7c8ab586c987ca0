package io.dhm.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A route stopped and started again gets its camel_exchanges_inflight gauge registered anew: Micrometer adds it again
 * (instead of ignoring a second registration of a gauge it still has, with a WARN "already registered").
 */
class RouteRestartMetersTest {

    @Test
    void aRestartedRouteRegistersItsInflightGaugeAfresh() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger added = new AtomicInteger();
        registry.config().onMeterAdded(meter -> {
            if (inflightOfWork(meter)) {
                added.incrementAndGet();
            }
        });
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getManagementStrategy().addEventNotifier(new RouteRestartMeters(registry)); // as OpsConfiguration
            MicrometerExchangeEventNotifier camelNotifier = new MicrometerExchangeEventNotifier();
            camelNotifier.setMeterRegistry(registry);
            context.getManagementStrategy().addEventNotifier(camelNotifier); // as camel.metrics.* does at start
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:work").routeId("work").log("${body}");
                }
            });
            context.start();
            int atStart = added.get();

            context.getRouteController().stopRoute("work");
            context.getRouteController().startRoute("work");

            assertEquals(atStart + 1, added.get(), "the gauge is registered again, not ignored as a duplicate");
            assertEquals(1, registry.find(RouteRestartMeters.INFLIGHT).tag("routeId", "work").gauges().size());
            context.createProducerTemplate().sendBody("direct:work", "still counted");
        }
    }

    private static boolean inflightOfWork(Meter meter) {
        return meter.getId().getName().equals(RouteRestartMeters.INFLIGHT) && "work".equals(meter.getId().getTag("routeId"));
    }
}
