package io.dhm.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.management.DefaultManagementObjectStrategy;
import org.apache.camel.management.mbean.ManagedRoute;
import org.apache.camel.management.mbean.ManagedSuspendableRoute;

import java.util.ArrayList;
import java.util.Collection;

/**
 * Camel's route MBeans, each answering its processors' ids from {@link ManagedObjects}. Camel's
 * ManagedRoute.processorIds reads, through JMX, the route id of every processor MBean of the context, and its route
 * console asks for it twice per route: on the monitor's 85 routes that was some 170,000 JMX reads per status.
 */
final class RouteMBeansKnowingTheirProcessors extends DefaultManagementObjectStrategy {

    private final ManagedObjects registered;

    RouteMBeansKnowingTheirProcessors(ManagedObjects registered) {
        this.registered = registered;
    }

    @Override
    public Object getManagedObjectForRoute(CamelContext context, Route route) {
        ManagedRoute managed = route.supportsSuspension()
                ? new SuspendableRoute(context, route, registered) : new PlainRoute(context, route, registered);
        managed.init(context.getManagementStrategy());
        return managed;
    }

    /** Public, as Camel calls its MBeans' methods by reflection. */
    public static final class PlainRoute extends ManagedRoute {

        private final ManagedObjects registered;

        PlainRoute(CamelContext context, Route route, ManagedObjects registered) {
            super(context, route);
            this.registered = registered;
        }

        @Override
        public Collection<String> processorIds() {
            return new ArrayList<>(registered.processorIds(getRouteId())); // Camel's callers may sort it
        }
    }

    public static final class SuspendableRoute extends ManagedSuspendableRoute {

        private final ManagedObjects registered;

        SuspendableRoute(CamelContext context, Route route, ManagedObjects registered) {
            super(context, route);
            this.registered = registered;
        }

        @Override
        public Collection<String> processorIds() {
            return new ArrayList<>(registered.processorIds(getRouteId()));
        }
    }
}
