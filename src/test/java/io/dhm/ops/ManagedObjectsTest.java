package io.dhm.ops;

import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedProcessorMBean;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What Camel's consoles (and so the CLI's status) get from ManagedCamelContext with {@link ManagedObjects}: the route
 * and processor MBeans' own objects, not JMX proxies, and each route's processor ids as JMX holds them, also after a
 * route is removed and added again.
 */
class ManagedObjectsTest {

    private static final String CONTEXT = "org.apache.camel:context=managed-objects";

    private static RouteBuilder routes(String... ids) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (String id : ids) {
                    from("direct:" + id).routeId(id).setHeader("step").constant(id).id(id + "-header")
                            .log("${body}").id(id + "-log").to("mock:" + id).id(id + "-to");
                }
            }
        };
    }

    /** Camel's own answer: every processor MBean in JMX whose RouteId is the route's. */
    private static Set<String> processorIdsInJmx(String routeId) throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<String> ids = new TreeSet<>();
        for (ObjectName name : jmx.queryNames(new ObjectName(CONTEXT + ",type=processors,*"), null)) {
            if (routeId.equals(jmx.getAttribute(name, "RouteId"))) {
                ids.add((String) jmx.getAttribute(name, "ProcessorId"));
            }
        }
        return ids;
    }

    @Test
    void theToolsGetTheRegisteredObjectsAndEachRoutesProcessors() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext(false)) {
            context.getCamelContextExtension().setName("managed-objects");
            context.addRoutes(routes("first", "second"));
            ManagedObjects managed = new ManagedObjects(); // as OpsConfiguration installs it
            MaskedMBeans.install(context, managed);
            managed.install(context);
            context.start();
            context.createProducerTemplate().sendBody("direct:first", "hello");

            ManagedCamelContext tools = context.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
            ManagedProcessorMBean processor = tools.getManagedProcessor("first-log");
            assertFalse(Proxy.isProxyClass(processor.getClass()), "the object itself, not a JMX proxy");
            assertEquals(1, processor.getExchangesTotal());
            ManagedRouteMBean route = tools.getManagedRoute("first");
            assertFalse(Proxy.isProxyClass(route.getClass()));
            assertEquals(Set.of("first-header", "first-log", "first-to"), new TreeSet<>(route.processorIds()));
            assertEquals(processorIdsInJmx("first"), new TreeSet<>(route.processorIds()));

            context.getRouteController().stopRoute("second");
            context.removeRoute("second");
            assertNull(tools.getManagedProcessor("second-log"), "a removed route's processors are gone");
            assertEquals(Set.of(), processorIdsInJmx("second"));

            context.addRoutes(routes("second"));
            assertEquals(processorIdsInJmx("second"), new TreeSet<>(tools.getManagedRoute("second").processorIds()));
            assertEquals(Set.of("second-header", "second-log", "second-to"),
                    new TreeSet<>(tools.getManagedRoute("second").processorIds()));
        }
    }
}
