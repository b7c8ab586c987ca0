package io.dhm.ops;

import io.dhm.config.SecretValues;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoint registry as Camel's endpoint console shows it (/q/dev/endpoint, camel get endpoint), secrets masked. */
class MaskedDevConsoleTest {

    private static final String HOOK_TOKEN = "console-hook-8812";
    private static final String SMTP_PASS = "console-pass-2290";
    private static final String CHAT_TOKEN = "console-token-6047";

    @Test
    void theEndpointListingShowsNoSecretsValue() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("webhook.urls", "https://hooks.example.com/services/T1/B2/" + HOOK_TOKEN);
        settings.setProperty("smtp.pass", SMTP_PASS);
        settings.setProperty("team.chat.token", CHAT_TOKEN); // a user's own key
        SecretValues.register(settings);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // a user's route: the token in a URL's path and query, the password as an option Camel does not mask
                    from("direct:alerts").routeId("user-alerts")
                            .to("https://hooks.example.com/services/T1/B2/" + HOOK_TOKEN + "?token=" + CHAT_TOKEN)
                            .to("log:alerts?marker=" + SMTP_PASS);
                }
            });
            MaskedDevConsole.maskAll(context); // as OpsConfiguration does
            context.start();
            DevConsole endpoints = DevConsoleRegistry.get(context).resolveById("endpoint");
            // as the CLI reads it: the JSON's values, unescaped
            String json = ((JsonObject) endpoints.call(DevConsole.MediaType.JSON)).toJson().replace("\\/", "/");
            String text = (String) endpoints.call(DevConsole.MediaType.TEXT);
            for (String listing : new String[] {json, text}) {
                assertTrue(listing.contains("hooks.example.com********?token="), listing); // Camel masks token itself
                assertTrue(listing.contains("log://alerts?marker=********"), listing);
                assertFalse(listing.contains(HOOK_TOKEN) || listing.contains(SMTP_PASS) || listing.contains(CHAT_TOKEN), listing);
            }
        }
    }
}
