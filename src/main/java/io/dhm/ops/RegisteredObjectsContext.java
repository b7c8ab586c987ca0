package io.dhm.ops;

import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedCamelContextMBean;
import org.apache.camel.api.management.mbean.ManagedConsumerMBean;
import org.apache.camel.api.management.mbean.ManagedProcessorMBean;
import org.apache.camel.api.management.mbean.ManagedRouteGroupMBean;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.api.management.mbean.ManagedStepMBean;

import java.util.List;

/**
 * Camel's ManagedCamelContext (how its consoles and the CLI connector reach the MBeans), answering a route or a
 * processor with its object in JMX ({@link ManagedObjects}) rather than with a JMX proxy Camel makes after searching
 * every route for it; the rest is Camel's.
 */
final class RegisteredObjectsContext implements ManagedCamelContext {

    private final ManagedCamelContext camel;
    private final ManagedObjects registered;

    RegisteredObjectsContext(ManagedCamelContext camel, ManagedObjects registered) {
        this.camel = camel;
        this.registered = registered;
    }

    @Override
    public <T extends ManagedProcessorMBean> T getManagedProcessor(String id, Class<T> type) {
        ManagedProcessorMBean processor = registered.processor(id);
        return type.isInstance(processor) ? type.cast(processor) : camel.getManagedProcessor(id, type);
    }

    @Override
    public <T extends ManagedRouteMBean> T getManagedRoute(String routeId, Class<T> type) {
        ManagedRouteMBean route = registered.route(routeId);
        return type.isInstance(route) ? type.cast(route) : camel.getManagedRoute(routeId, type);
    }

    @Override
    public ManagedCamelContextMBean getManagedCamelContext() {
        return camel.getManagedCamelContext();
    }

    @Override
    public ManagedStepMBean getManagedStep(String id) {
        return camel.getManagedStep(id);
    }

    @Override
    public List<ManagedRouteMBean> getManagedRoutes() {
        return camel.getManagedRoutes();
    }

    @Override
    public ManagedRouteGroupMBean getManagedRouteGroup(String group) {
        return camel.getManagedRouteGroup(group);
    }

    @Override
    public List<ManagedRouteMBean> getManagedRoutesByGroup(String groupId) {
        return camel.getManagedRoutesByGroup(groupId);
    }

    @Override
    public <T extends ManagedConsumerMBean> T getManagedConsumer(String id, Class<T> type) {
        return camel.getManagedConsumer(id, type);
    }
}
