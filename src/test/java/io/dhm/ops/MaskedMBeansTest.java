package io.dhm.ops;

import io.dhm.config.SecretValues;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import javax.management.Attribute;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Camel's MBeans as a JMX client reads them (hawtio through Jolokia reads every attribute), secrets masked: the
 * endpoints' names, URIs and service URLs, a route's input.
 */
class MaskedMBeansTest {

    private static final String HOOK_TOKEN = "jmx-hook-4471";
    private static final String SMTP_PASS = "jmx-pass-1938";
    private static final String CONTEXT = "org.apache.camel:context=masked-mbeans";

    @Test
    void noMBeanShowsASecretsValue() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("webhook.urls", "https://hooks.example.com/services/T1/B2/" + HOOK_TOKEN);
        settings.setProperty("smtp.pass", SMTP_PASS);
        SecretValues.register(settings);
        // built when it starts, after the monitor's configurations, as Camel Main builds it
        try (DefaultCamelContext context = new DefaultCamelContext(false)) {
            context.getCamelContextExtension().setName("masked-mbeans");
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("seda:alerts-" + SMTP_PASS).routeId("user-alerts") // a browsable endpoint
                            .to("https://hooks.example.com/services/T1/B2/" + HOOK_TOKEN)
                            .to("log:alerts?marker=" + SMTP_PASS);
                }
            });
            MaskedMBeans.install(context, new ManagedObjects()); // as OpsConfiguration does
            context.start();
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> beans = new HashSet<>(jmx.queryNames(new ObjectName(CONTEXT + ",type=endpoints,*"), null));
            assertEquals(3, beans.size(), beans.toString());
            beans.add(new ObjectName(CONTEXT + ",type=routes,name=\"user-alerts\""));
            StringBuilder shown = new StringBuilder();
            for (ObjectName bean : beans) {
                shown.append(bean).append('\n');
                for (MBeanAttributeInfo attribute : jmx.getMBeanInfo(bean).getAttributes()) {
                    shown.append("  ").append(attribute.getName()).append(" = ")
                            .append(jmx.getAttribute(bean, attribute.getName())).append('\n');
                }
            }
            assertTrue(shown.toString().contains("EndpointUri = https://hooks.example.com********"), shown.toString());
            assertTrue(shown.toString().contains("ServiceLocationUrl = https://hooks.example.com********"), shown.toString());
            assertTrue(shown.toString().contains("EndpointUri = seda://alerts-********"), shown.toString()); // the route's
            assertTrue(shown.toString().contains("log://alerts?marker=********"), shown.toString());
            assertFalse(shown.toString().contains(HOOK_TOKEN) || shown.toString().contains(SMTP_PASS), shown.toString());
            // several attributes at once, as Jolokia reads a whole MBean
            ObjectName route = new ObjectName(CONTEXT + ",type=routes,name=\"user-alerts\"");
            for (Attribute attribute : jmx.getAttributes(route, new String[] {"EndpointUri", "RouteId"}).asList()) {
                assertFalse(String.valueOf(attribute.getValue()).contains(SMTP_PASS), attribute.toString());
            }
        }
    }
}
