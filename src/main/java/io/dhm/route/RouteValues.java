package io.dhm.route;

import io.dhm.config.ApiSettings;
import io.dhm.config.SettingSources;
import io.dhm.config.Settings;
import io.dhm.config.ToolingSettings;
import io.dhm.decide.Flapping;
import io.dhm.deliver.ses.SesEndpoint;
import io.dhm.deliver.smtp.SmtpEndpoint;
import io.dhm.repeat.RepeatSchedule;

import java.util.Properties;

/**
 * The properties Camel is given: its own camel.* keys, the embedded server's, and the monitor.* values the YAML routes
 * use as placeholders, each derived from a setting (application.properties lists them, with what the defaults give).
 */
public final class RouteValues {

    /** Jolokia's path, named here so that the HTTP guard (io.dhm.api.guard) checks the path Camel serves it at. */
    public static final String JOLOKIA_PATH = "/observe/jolokia";

    private RouteValues() {
    }

    /**
     * What Camel sees: its own camel.* keys, every setting and user key but the secrets, and the monitor.* values the
     * YAML routes use (set after the others, so a user cannot shadow them).
     */
    public static Properties camelProperties(Properties all, Settings settings) {
        Properties camel = new Properties();
        // every setting and key of the user's application.properties is a {{placeholder}} for the routes; the secrets
        // only through SecretPlaceholders, which Camel's consoles cannot list. Camel's own camel.* keys all go (Camel
        // configures itself from them and masks its options' secrets)
        all.stringPropertyNames().stream().filter(key -> key.startsWith("camel.") || !SettingSources.isSecret(key))
                .filter(key -> !camelReload(key))
                .forEach(key -> camel.setProperty(key, all.getProperty(key)));
        camel.setProperty("monitor.poll.millis", String.valueOf(Math.max(1, settings.pollInterval().toMillis())));
        // STATS_INTERVAL_SEC=0 turns sampling off: the timer still ticks (every minute) but ResourceWatch has no targets
        camel.setProperty("monitor.stats.millis", String.valueOf(settings.resources().enabled()
                ? Math.max(1, settings.resources().statsInterval().toMillis()) : 60_000));
        camel.setProperty("monitor.mail.uri", settings.smtpConfigured() ? SmtpEndpoint.uri(settings) : "log:no-smtp");
        camel.setProperty("monitor.ses.uri", settings.delivery().sesEnabled() ? SesEndpoint.uri(settings) : "log:no-ses");
        camel.setProperty("monitor.outbox.dir", settings.outboxDir().toString());
        camel.setProperty("monitor.repeat.check.millis",
                String.valueOf(RepeatSchedule.checkMillis(settings.delivery().repeatInterval())));
        camel.setProperty("monitor.flapping.check.millis",
                String.valueOf(Flapping.checkMillis(settings.flapping().window())));
        camel.setProperty("monitor.webhook.timeout.millis", String.valueOf(settings.delivery().webhookTimeout().toMillis()));
        camel.setProperty("monitor.heartbeat.millis", String.valueOf(settings.heartbeat().interval().toMillis()));
        camel.setProperty("monitor.heartbeat.timeout.millis", String.valueOf(settings.heartbeat().timeout().toMillis()));
        // one embedded server for the API, the dashboard, metrics and health (management on the same host and port)
        ApiSettings api = settings.api();
        camel.setProperty("camel.server.enabled", "true");
        camel.setProperty("camel.server.host", api.host());
        camel.setProperty("camel.server.port", String.valueOf(api.port()));
        camel.setProperty("camel.management.enabled", "true");
        camel.setProperty("camel.management.host", api.host());
        camel.setProperty("camel.management.port", String.valueOf(api.port()));
        camel.setProperty("camel.management.healthCheckEnabled", "true");
        camel.setProperty("camel.management.metricsEnabled", "true");
        camel.setProperty("camel.management.infoEnabled", "true");
        ToolingSettings tools = settings.tooling();
        camel.setProperty("camel.management.devConsoleEnabled", String.valueOf(tools.devConsole()));
        if (tools.devConsole()) {
            camel.setProperty("camel.main.devConsoleEnabled", "true"); // the consoles themselves, not only their page
        }
        camel.setProperty("camel.management.jolokiaEnabled", String.valueOf(tools.jolokia()));
        camel.setProperty("camel.management.jolokiaPath", JOLOKIA_PATH);
        return camel;
    }

    /**
     * Camel's own route reload (camel.main.routes-reload-*) is kept from Camel: it would replace all routes with the one
     * file that changed. Settings reads its switch as ROUTES_RELOAD, which reloads one file's routes (RouteReload).
     */
    private static boolean camelReload(String key) {
        return key.startsWith("camel.main.routes-reload") || key.startsWith("camel.main.routesReload");
    }
}
