package io.dhm.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedProcessorMBean;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.api.management.mbean.ManagedStepMBean;
import org.apache.camel.support.LifecycleStrategySupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Camel's route and processor MBeans as the Java objects behind them, while they are registered in JMX
 * ({@link MaskedMBeans}, which assembles every MBean, reports each registration and deregistration). Camel's route
 * console (the Camel CLI's status, /q/dev/route) reads every processor's statistics and coverage through JMX: for each
 * processor it searched every route for it, made a JMX proxy and read each attribute through the MBean server and its
 * model MBean, which copies and checks descriptors on every read; and each route found its processors' ids by reading
 * the route id of every processor MBean of the context. On the monitor's 85 routes one status cost seconds of CPU.
 * Here the tools asking Camel's ManagedCamelContext get the objects themselves ({@link RegisteredObjectsContext}), and a
 * route's processor ids come from this registry ({@link RouteMBeansKnowingTheirProcessors}). What those consoles show
 * is masked by {@link MaskedDevConsole}; JMX clients still read the MBeans, masked by MaskedMBeans.
 */
public final class ManagedObjects {

    private final Map<String, ManagedRouteMBean> routes = new ConcurrentHashMap<>();
    private final Map<String, ManagedProcessorMBean> processors = new ConcurrentHashMap<>();

    /**
     * Before the context starts, after {@link MaskedMBeans#install}: Camel Main builds its JMX management (and Camel's
     * ManagedCamelContext) after the configurations, so both are replaced as the context initialises.
     */
    public void install(CamelContext context) {
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt(LifecycleStrategySupport.onCamelContextInitializing(
                initializing -> {
                    initializing.getManagementStrategy().setManagementObjectStrategy(new RouteMBeansKnowingTheirProcessors(this));
                    ManagedCamelContext camel = initializing.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
                    if (camel != null) { // null with JMX off
                        initializing.getCamelContextExtension().addContextPlugin(ManagedCamelContext.class,
                                new RegisteredObjectsContext(camel, this));
                    }
                })));
    }

    /** An MBean's object now in JMX; only routes and processors (not steps, which Camel names apart) are kept. */
    void registered(Object managed) {
        if (managed instanceof ManagedRouteMBean route) {
            routes.put(route.getRouteId(), route);
        } else if (managed instanceof ManagedProcessorMBean processor && !(managed instanceof ManagedStepMBean)) {
            processors.put(processor.getProcessorId(), processor);
        }
    }

    void deregistered(Object managed) {
        if (managed instanceof ManagedRouteMBean route) {
            routes.remove(route.getRouteId(), route);
        } else if (managed instanceof ManagedProcessorMBean processor) {
            processors.remove(processor.getProcessorId(), processor);
        }
    }

    ManagedRouteMBean route(String routeId) {
        return routes.get(routeId);
    }

    ManagedProcessorMBean processor(String id) {
        return processors.get(id);
    }

    /** What Camel's ManagedRoute.processorIds finds through JMX: the ids of the route's processors in JMX. */
    List<String> processorIds(String routeId) {
        return processors.values().stream().filter(processor -> routeId.equals(processor.getRouteId()))
                .map(ManagedProcessorMBean::getProcessorId).toList();
    }
}
