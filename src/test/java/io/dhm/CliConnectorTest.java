package io.dhm;

import org.apache.camel.spi.CliConnector;
import org.apache.camel.spi.CliConnectorFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * camel-cli-connector is on the classpath, but with the default settings (CLI_CONNECTOR_ENABLED=0) Camel starts no
 * connector: it would rewrite its status file every second (CamelToolingIT runs the jar with it on).
 */
class CliConnectorTest extends RouteTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("HEALTH_CHECK_ALERT_EMAILS", "ops@example.com");
    }

    @Test
    void noConnectorRunsUnlessAskedFor() {
        assertFalse(context.getCamelContextExtension().getContextPlugin(CliConnectorFactory.class).isEnabled());
        assertNull(context.hasService(CliConnector.class));
    }
}
