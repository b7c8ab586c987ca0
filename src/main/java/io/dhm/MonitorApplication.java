package io.dhm;

import io.dhm.config.ApiSettings;
import io.dhm.config.InvalidSettingException;
import io.dhm.config.LiveSettings;
import io.dhm.config.SettingSources;
import io.dhm.config.Settings;
import io.dhm.repeat.RepeatSchedule;
import io.dhm.deliver.ses.SesEndpoint;
import io.dhm.ops.MonitorMetrics;
import io.dhm.deliver.smtp.SmtpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Properties;

/** Reads and checks the settings, then runs Camel Main until SIGTERM or SIGINT. */
public final class MonitorApplication {

    static final int EXIT_BAD_CONFIGURATION = 2;
    private static final Logger LOG = LoggerFactory.getLogger(MonitorApplication.class);

    private MonitorApplication() {
    }

    public static int run(Path workDir, Map<String, String> environment, String[] args) throws Exception {
        Properties properties;
        Settings settings;
        try {
            properties = SettingSources.load(workDir, environment);
            settings = Settings.from(properties);
            if (!List.of(args).contains("--test-alert")) {
                settings.api().checkPortFree();
            }
        } catch (InvalidSettingException e) {
            System.err.println("docker-health-monitor: invalid configuration: " + e.getMessage());
            return EXIT_BAD_CONFIGURATION;
        }
        LOG.info("docker-health-monitor starting: {}", settings);

        org.apache.camel.main.Main camel = new org.apache.camel.main.Main();
        camel.setDefaultPropertyPlaceholderLocation("false"); // SettingSources has merged every source already
        camel.setOverrideProperties(camelProperties(properties, settings));
        AtomicInteger exitCode = new AtomicInteger();
        boolean testAlert = List.of(args).contains("--test-alert");
        if (testAlert) {
            camel.configure().setAutoStartup(false); // no observation: only the channel routes are started
        }
        MonitorConfiguration configuration = new MonitorConfiguration(new LiveSettings(properties, settings), testAlert ? code -> {
            exitCode.set(code);
            camel.completed();
        } : null);
        // bound before Camel starts, so camel-micrometer serves the monitor's registry at /observe/metrics
        camel.bind(MonitorMetrics.REGISTRY_BEAN, configuration.metricsRegistry());
        camel.configure().addConfiguration(configuration);
        camel.configure().withRoutesIncludePattern(routesLocation(workDir));

        // Handling the signals here (instead of the JVM's shutdown hook) lets Camel finish in-flight work and the
        // process exit 0, as a supervisor expects of a clean stop.
        Signal.handle(new Signal("TERM"), signal -> camel.completed());
        Signal.handle(new Signal("INT"), signal -> camel.completed());
        camel.run(List.of(args).stream().filter(arg -> !arg.equals("--test-alert")).toArray(String[]::new));
        return exitCode.get();
    }

    /**
     * What Camel sees: its own camel.* keys and the few values the YAML routes use. The monitor's settings (SMTP_PASS
     * among them) stay out, so Camel's property summaries and consoles cannot show them.
     */
    static Properties camelProperties(Properties all, Settings settings) {
        Properties camel = new Properties();
        all.stringPropertyNames().stream().filter(key -> key.startsWith("camel."))
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
        camel.setProperty("monitor.webhook.timeout.millis", String.valueOf(settings.delivery().webhookTimeout().toMillis()));
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
        camel.setProperty("camel.management.devConsoleEnabled", String.valueOf(api.devConsole()));
        if (api.devConsole()) {
            camel.setProperty("camel.main.devConsoleEnabled", "true"); // the consoles themselves, not only their page
        }
        return camel;
    }

    /** The routes shipped in the jar, unless the working directory has its own routes/ folder of YAML routes. */
    static String routesLocation(Path workDir) throws IOException {
        Path local = workDir.resolve("routes");
        if (Files.isDirectory(local)) {
            try (DirectoryStream<Path> yaml = Files.newDirectoryStream(local, "*.camel.yaml")) {
                if (yaml.iterator().hasNext()) {
                    LOG.info("Using the routes in {}", local.toAbsolutePath());
                    return "file:" + local.toAbsolutePath() + "/*.camel.yaml";
                }
            }
        }
        return "classpath:routes/*.camel.yaml";
    }
}
