package io.dhm.ops;

import io.dhm.config.SecretValues;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Camel's endpoint MBeans as a JMX client lists them, secrets masked in their names and URIs. */
class MaskedEndpointMBeansTest {

    private static final String HOOK_TOKEN = "jmx-hook-4471";
    private static final String SMTP_PASS = "jmx-pass-1938";

    @Test
    void noEndpointMBeanShowsASecretsValue() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("webhook.urls", "https://hooks.example.com/services/T1/B2/" + HOOK_TOKEN);
        settings.setProperty("smtp.pass", SMTP_PASS);
        SecretValues.register(settings);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getCamelContextExtension().setName("masked-endpoint-mbeans");
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:alerts").routeId("user-alerts")
                            .to("https://hooks.example.com/services/T1/B2/" + HOOK_TOKEN)
                            .to("log:alerts?marker=" + SMTP_PASS)
                            .to("seda:audit-" + SMTP_PASS); // a browsable endpoint
                }
            });
            MaskedEndpointMBeans.install(context); // as OperationsConfiguration does
            context.start();
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> endpoints = jmx.queryNames(new ObjectName("org.apache.camel:context=masked-endpoint-mbeans,type=endpoints,*"), null);
            assertEquals(4, endpoints.size(), endpoints.toString());
            StringBuilder shown = new StringBuilder();
            for (ObjectName endpoint : endpoints) {
                shown.append(endpoint).append(' ').append(jmx.getAttribute(endpoint, "EndpointUri")).append(' ')
                        .append(jmx.getAttribute(endpoint, "EndpointBaseUri")).append('\n');
            }
            assertTrue(shown.toString().contains("https://hooks.example.com********"), shown.toString());
            assertTrue(shown.toString().contains("log://alerts?marker=********"), shown.toString());
            assertFalse(shown.toString().contains(HOOK_TOKEN) || shown.toString().contains(SMTP_PASS), shown.toString());
        }
    }
}
