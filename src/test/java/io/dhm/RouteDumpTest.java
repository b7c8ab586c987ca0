package io.dhm;

import io.dhm.route.RouteFiles;
import io.dhm.route.RouteValues;
import io.dhm.config.LiveSettings;
import io.dhm.config.SecretPlaceholders;
import io.dhm.config.SettingSources;
import io.dhm.config.Settings;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.ModelToYAMLDumper;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Camel's tools show as a route dump in YAML (camel-yaml-io: `camel cmd route-dump`, /q/dev/route-dump, the JMX
 * operation dumpRoutesAsYaml): every bundled route dumps, with its placeholders resolved as those tools ask, and a
 * secret that a user's route reads through a placeholder is not in it.
 */
class RouteDumpTest {

    private static final String USER_SECRET = "chat-secret-123";
    private static final String SMTP_SECRET = "smtp-secret-456";

    @TempDir
    Path workDir;

    /** The bundled routes and one user route reading a secret, in a context set up as the monitor sets one up. */
    private DefaultCamelContext monitorContext() throws Exception {
        Files.writeString(workDir.resolve("application.properties"), "team.room=ops-room\nteam.chat.token=" + USER_SECRET + "\n");
        Path routes = Files.createDirectories(workDir.resolve("routes"));
        Files.writeString(routes.resolve("team.camel.yaml"), """
                - route:
                    id: team-chat
                    from:
                      uri: direct:team-chat
                      steps:
                        - setHeader:
                            name: Authorization
                            simple: "Bearer {{team.chat.token}}"
                        - to: "log:{{team.room}}"
                        - to: "https://chat.example.com/{{team.chat.token}}?token={{team.chat.token}}"
                        - to: "smtp://mail.test:587?username=monitor&password={{smtp.pass}}"
                """);
        Properties properties = SettingSources.load(workDir, Map.of("SMTP_HOST", "mail.test", "SMTP_USER", "monitor",
                "SMTP_PASS", SMTP_SECRET, "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com"));
        Settings settings = Settings.from(properties);
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(RouteValues.camelProperties(properties, settings));
        SecretPlaceholders.install(context, new LiveSettings(properties, settings)); // as FoundationConfiguration does
        new RouteFiles(routes, false).configure(context);
        return context;
    }

    @Test
    void everyRouteDumpsAsYamlWithoutTheSecrets() throws Exception {
        DefaultCamelContext context = monitorContext();
        List<RouteDefinition> routes = context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions();
        ModelToYAMLDumper dumper = PluginHelper.getModelToYAMLDumper(context);
        StringBuilder dump = new StringBuilder();
        for (RouteDefinition route : routes) {
            // as the developer console asks for it (the CLI asks the console): placeholders resolved
            String yaml = dumper.dumpModelAsYaml(context, route, true, false, false, false);
            assertTrue(yaml.startsWith("- route:"), route.getRouteId() + " dumped as:\n" + yaml);
            if (route.hasCustomIdAssigned()) {
                assertTrue(yaml.contains("id: " + route.getRouteId()), route.getRouteId() + " dumped as:\n" + yaml);
            }
            dump.append(yaml);
        }
        assertTrue(dump.toString().contains("uri: log:ops-room"), "placeholders are resolved");
        assertTrue(dump.toString().contains("uri: smtp://mail.test:587"), "placeholders are resolved");
        assertTrue(dump.toString().contains("uri: https://chat.example.com/********?token=********"), dump.toString());
        assertFalse(dump.toString().contains(USER_SECRET), "a user's secret in the dump");
        assertFalse(dump.toString().contains(SMTP_SECRET), "the SMTP password in the dump");
    }

    /**
     * Camel resolves a placeholder from the environment (SMTP_PASS for {{smtp.pass}}) and from system properties before
     * any source of the monitor's: the value is masked all the same. A system property stands for the environment here.
     */
    @Test
    void aSecretCamelResolvesFromTheEnvironmentIsMaskedByValue() throws Exception {
        System.setProperty("smtp.pass", SMTP_SECRET);
        try {
            DefaultCamelContext context = monitorContext();
            RouteDefinition route = context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinition("team-chat");
            String yaml = PluginHelper.getModelToYAMLDumper(context).dumpModelAsYaml(context, route, true, false, false, false);
            String xml = PluginHelper.getModelToXMLDumper(context).dumpModelAsXml(context, route, true, false, false);
            for (String dump : List.of(yaml, xml)) {
                assertTrue(dump.contains("smtp://mail.test:587?username=monitor&amp;password=********")
                        || dump.contains("smtp://mail.test:587?username=monitor&password=********"), dump);
                assertFalse(dump.contains(SMTP_SECRET), dump);
            }
        } finally {
            System.clearProperty("smtp.pass");
        }
    }

    @Test
    void theXmlDumpMasksTheSecretsToo() throws Exception {
        DefaultCamelContext context = monitorContext();
        RouteDefinition route = context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinition("team-chat");
        String xml = PluginHelper.getModelToXMLDumper(context).dumpModelAsXml(context, route, true, false, false);
        assertTrue(xml.contains("https://chat.example.com/********?token=********"), xml);
    }

    @Test
    void routesStillReadTheSecretsThemselves() throws Exception {
        DefaultCamelContext context = monitorContext();
        assertEquals(USER_SECRET, context.resolvePropertyPlaceholders("{{team.chat.token}}"));
    }
}
