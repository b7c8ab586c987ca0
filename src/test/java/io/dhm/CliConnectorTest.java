package io.dhm;

import io.dhm.config.SettingSources;
import io.dhm.config.Settings;
import org.apache.camel.spi.CliConnector;
import org.apache.camel.spi.CliConnectorFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Camel CLI's connector is on by default, so that `camel ps` finds the monitor (CamelCliIT runs the jar with it),
 * and CLI_CONNECTOR_ENABLED=0, which every route test sets, starts none.
 */
class CliConnectorTest extends RouteTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("HEALTH_CHECK_ALERT_EMAILS", "ops@example.com");
    }

    @Test
    void theConnectorIsOnByDefault() {
        Properties defaults = new Properties();
        defaults.putAll(SettingSources.defaults());
        defaults.setProperty("health.check.alert.emails", "ops@example.com");
        assertTrue(Settings.from(defaults).tooling().cliConnector());
    }

    @Test
    void noConnectorRunsWhenTurnedOff() {
        assertFalse(context.getCamelContextExtension().getContextPlugin(CliConnectorFactory.class).isEnabled());
        assertNull(context.hasService(CliConnector.class));
    }
}
