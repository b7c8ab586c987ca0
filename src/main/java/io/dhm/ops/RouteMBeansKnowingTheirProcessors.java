package io.dhm.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.management.DefaultManagementObjectStrategy;
import org.apache.camel.management.mbean.ManagedRoute;
import org.apache.camel.management.mbean.ManagedSuspendableRoute;
import org.apache.camel.support.LifecycleStrategySupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Camel's route MBeans, each keeping the ids of its route's processors once it has found them. Camel's
 * ManagedRoute.processorIds reads, through JMX, the route id of every processor MBean of the context, and its route
 * console (/q/dev/route, and the Camel CLI's status every time it is written) asks for it twice per route: on the
 * monitor's 85 routes that was some 170,000 JMX reads, seconds of CPU, per status. A route's processors do not change
 * while its MBean lives (a reloaded route gets a new one), so the first answer that finds any is kept.
 */
public final class RouteMBeansKnowingTheirProcessors extends DefaultManagementObjectStrategy {

    /** Before the context starts, as Camel Main builds its JMX management after the configurations. */
    public static void install(CamelContext context) {
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt(LifecycleStrategySupport.onCamelContextInitializing(
                initializing -> initializing.getManagementStrategy()
                        .setManagementObjectStrategy(new RouteMBeansKnowingTheirProcessors()))));
    }

    @Override
    public Object getManagedObjectForRoute(CamelContext context, Route route) {
        ManagedRoute managed = route.supportsSuspension() ? new SuspendableRoute(context, route) : new PlainRoute(context, route);
        managed.init(context.getManagementStrategy());
        return managed;
    }

    /** The first non-empty answer of Camel's own search, kept. */
    private static final class KnownProcessors {

        private volatile List<String> ids;

        Collection<String> of(Callable<Collection<String>> search) throws Exception {
            List<String> known = ids;
            if (known == null) {
                known = List.copyOf(search.call());
                if (!known.isEmpty()) { // before the route's processors are registered, look again next time
                    ids = known;
                }
            }
            return new ArrayList<>(known); // a copy: Camel's callers may sort it
        }
    }

    /** Public, as Camel calls its MBeans' methods by reflection. */
    public static final class PlainRoute extends ManagedRoute {

        private final KnownProcessors known = new KnownProcessors();

        PlainRoute(CamelContext context, Route route) {
            super(context, route);
        }

        @Override
        public Collection<String> processorIds() throws Exception {
            return known.of(super::processorIds);
        }
    }

    public static final class SuspendableRoute extends ManagedSuspendableRoute {

        private final KnownProcessors known = new KnownProcessors();

        SuspendableRoute(CamelContext context, Route route) {
            super(context, route);
        }

        @Override
        public Collection<String> processorIds() throws Exception {
            return known.of(super::processorIds);
        }
    }
}
