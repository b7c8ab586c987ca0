package io.dhm.ops;

import io.dhm.config.SecretValues;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.management.DefaultManagementObjectNameStrategy;
import org.apache.camel.spi.ManagementMBeanAssembler;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.management.DefaultManagementMBeanAssembler;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.modelmbean.ModelMBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Camel's MBeans in JMX (jconsole, hawtio through /observe/jolokia), every attribute and operation result with each
 * secret's value masked ({@link SecretValues}), and the endpoints' MBeans named with them masked: Camel names an
 * endpoint's MBean after its URI and shows URIs as they are (an endpoint's URI and service URL, a route's input),
 * masking only the options it knows as secret. Two endpoints whose URIs differ only in a secret get one name: the
 * second is not in JMX, and still works. It also tells {@link ManagedObjects} which objects are in JMX (the MBean server
 * calls each MBean's postRegister and postDeregister).
 */
public final class MaskedMBeans implements ManagementMBeanAssembler {

    private static final MaskedValues JMX = new MaskedValues(LinkedHashMap::new, ArrayList::new);

    private final ManagementMBeanAssembler camel;
    private final ManagedObjects registered;

    private MaskedMBeans(ManagementMBeanAssembler camel, ManagedObjects registered) {
        this.camel = camel;
        this.registered = registered;
    }

    /**
     * Before the context starts. Camel makes its JMX management when the context is built, after the monitor's
     * configurations (Camel Main): the names are set on it as the context initialises, before any MBean is registered.
     */
    public static void install(CamelContext context, ManagedObjects registered) {
        ExtendedCamelContext extension = context.getCamelContextExtension();
        ManagementMBeanAssembler camel = extension.getManagementMBeanAssembler();
        extension.setManagementMBeanAssembler(
                new MaskedMBeans(camel != null ? camel : new DefaultManagementMBeanAssembler(context), registered));
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt(LifecycleStrategySupport.onCamelContextInitializing(
                initializing -> initializing.getManagementStrategy().setManagementObjectNameStrategy(new MaskedNames(context)))));
    }

    @Override
    public ModelMBean assemble(MBeanServer server, Object managed, ObjectName name) throws JMException {
        ModelMBean mbean = camel.assemble(server, managed, name);
        if (mbean == null) {
            return null;
        }
        return (ModelMBean) Proxy.newProxyInstance(MaskedMBeans.class.getClassLoader(), interfacesOf(mbean.getClass()),
                (proxy, method, arguments) -> {
                    Object answer;
                    try {
                        answer = method.invoke(mbean, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    switch (method.getName()) {
                        case "getAttribute", "invoke" -> answer = JMX.masked(answer);
                        case "getAttributes" -> answer = masked((AttributeList) answer);
                        case "postRegister" -> {
                            if (Boolean.TRUE.equals(arguments[0])) {
                                registered.registered(managed);
                            }
                        }
                        case "postDeregister" -> registered.deregistered(managed);
                        default -> {
                        }
                    }
                    return answer;
                });
    }

    private static AttributeList masked(AttributeList attributes) {
        AttributeList masked = new AttributeList();
        attributes.asList().forEach(attribute ->
                masked.add(new Attribute(attribute.getName(), JMX.masked(attribute.getValue()))));
        return masked;
    }

    /** Every interface of Camel's MBean class (a RequiredModelMBean, also an MBeanRegistration), for the MBean server. */
    private static Class<?>[] interfacesOf(Class<?> type) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> level = type; level != null; level = level.getSuperclass()) {
            interfaces.addAll(List.of(level.getInterfaces()));
        }
        return interfaces.toArray(Class<?>[]::new);
    }

    @Override
    public void init() {
        camel.init();
    }

    @Override
    public void start() {
        camel.start();
    }

    @Override
    public void stop() {
        camel.stop();
    }

    private static final class MaskedNames extends DefaultManagementObjectNameStrategy {

        MaskedNames(CamelContext context) {
            setCamelContext(context);
        }

        @Override
        protected String getEndpointId(Endpoint endpoint) {
            return SecretValues.mask(super.getEndpointId(endpoint));
        }
    }
}
