package io.dhm.ops;

import io.dhm.config.SecretValues;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.management.DefaultManagementObjectNameStrategy;
import org.apache.camel.management.DefaultManagementObjectStrategy;
import org.apache.camel.management.mbean.ManagedBrowsableEndpoint;
import org.apache.camel.management.mbean.ManagedEndpoint;
import org.apache.camel.spi.BrowsableEndpoint;
import org.apache.camel.spi.ManagementStrategy;

/**
 * Camel's endpoint MBeans in JMX (jconsole, hawtio through /q/jolokia), their names and URIs with every secret's value
 * masked ({@link SecretValues}): Camel names an endpoint's MBean after its URI and shows the URI as it is, masking only
 * the options it knows as secret. Two endpoints whose URIs differ only in a secret get one name: the second is not
 * registered in JMX, and still works.
 */
public final class MaskedEndpointMBeans {

    private MaskedEndpointMBeans() {
    }

    /**
     * Before the context starts, when the endpoints' MBeans are made. (The classes below are public: JMX calls their
     * methods by reflection.)
     */
    public static void install(CamelContext context) {
        ManagementStrategy management = context.getManagementStrategy();
        management.setManagementObjectStrategy(new MaskedObjects());
        management.setManagementObjectNameStrategy(new MaskedNames());
    }

    public static final class MaskedObjects extends DefaultManagementObjectStrategy {

        @Override
        public Object getManagedObjectForEndpoint(CamelContext context, Endpoint endpoint) {
            if (!endpoint.isSingleton()) {
                return null; // as Camel's: a prototype endpoint has no MBean
            }
            ManagedEndpoint managed = endpoint instanceof BrowsableEndpoint browsable
                    ? new MaskedBrowsableEndpoint(browsable) : new MaskedEndpoint(endpoint);
            managed.init(context.getManagementStrategy());
            return managed;
        }
    }

    public static final class MaskedNames extends DefaultManagementObjectNameStrategy {

        @Override
        protected String getEndpointId(Endpoint endpoint) {
            return SecretValues.mask(super.getEndpointId(endpoint));
        }
    }

    @ManagedResource(description = "Managed Endpoint")
    public static final class MaskedEndpoint extends ManagedEndpoint {

        public MaskedEndpoint(Endpoint endpoint) {
            super(endpoint);
        }

        @Override
        public String getEndpointUri() {
            return SecretValues.mask(super.getEndpointUri());
        }

        @Override
        public String getEndpointBaseUri() {
            return SecretValues.mask(super.getEndpointBaseUri());
        }
    }

    /** A queue's endpoint (seda:, browse:, ...), whose MBean also lists the messages waiting. */
    @ManagedResource(description = "Managed BrowsableEndpoint")
    public static final class MaskedBrowsableEndpoint extends ManagedBrowsableEndpoint {

        public MaskedBrowsableEndpoint(BrowsableEndpoint endpoint) {
            super(endpoint);
        }

        @Override
        public String getEndpointUri() {
            return SecretValues.mask(super.getEndpointUri());
        }

        @Override
        public String getEndpointBaseUri() {
            return SecretValues.mask(super.getEndpointBaseUri());
        }
    }
}
