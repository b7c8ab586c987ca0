package io.dhm.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The monitor's validated settings. Every field comes from a key of application.properties that the environment
 * variable of the same name overrides (see {@link SettingSources}); an unusable value stops start-up with an
 * {@link InvalidSettingException} naming that variable. SMTP_PASS is never part of a message or of toString.
 */
public final class Settings {

    /** How SMTP is secured, decided by the port as the classic .env expects. */
    public enum SmtpSecurity { STARTTLS_REQUIRED, IMPLICIT_TLS, STARTTLS_IF_OFFERED }

    private final Optional<String> smtpHost;
    private final int smtpPort;
    private final Optional<String> smtpUser;
    private final Optional<String> smtpPass;
    private final String senderEmail;
    private final List<String> alertEmails;
    private final AlertRouting routing;
    private final String serverName;
    private final Duration pollInterval;
    private final Duration confirmWait;
    private final FlappingSettings flapping;
    private final int confirmMaximumRedeliveries;
    private final boolean routesReload;
    private final int logLines;
    private final Duration evidenceWindow;
    private final boolean rootCauseFolding;
    private final EngineSettings engines;
    private final Path outboxDir;
    private final Path routesDir;
    private final Path dataDir;
    private final DeliverySettings delivery;
    private final DatabaseSettings database;
    private final HealSettings heal;
    private final WatchSettings watch;
    private final LifecycleSettings lifecycle;
    private final ApiSettings api;
    private final ToolingSettings tooling;
    private final ResourceSettings resources;
    private final ClusterSettings cluster;
    private final HeartbeatSettings heartbeat;
    private final TraceSettings traces;

    private Settings(Properties properties) {
        PropertyReader p = new PropertyReader(properties);
        smtpHost = p.optional("smtp.host");
        smtpPort = p.port("smtp.port");
        smtpUser = p.optional("smtp.user");
        smtpPass = p.optional("smtp.pass");
        if (smtpUser.isPresent() && smtpPass.isEmpty()) {
            throw new InvalidSettingException("SMTP_PASS", "is empty but SMTP_USER is set; give the password for " + smtpUser.get());
        }
        senderEmail = p.optional("sender.email")
                .or(() -> smtpUser.filter(user -> user.contains("@")))
                .map(address -> EmailAddresses.parse("SENDER_EMAIL", address))
                .orElse("docker-health-monitor@localhost");
        alertEmails = EmailAddresses.parseList("HEALTH_CHECK_ALERT_EMAILS", p.optional("health.check.alert.emails").orElse(null));
        routing = AlertRouting.parse("CONTAINER_ALERT_ROUTING", p.optional("container.alert.routing").orElse(null), alertEmails);
        dataDir = Path.of(p.text("data.dir"));
        delivery = new DeliverySettings(properties);
        database = DatabaseSettings.read(properties, dataDir);
        if (emailConfigured() && alertEmails.isEmpty()) {
            throw new InvalidSettingException("HEALTH_CHECK_ALERT_EMAILS",
                    "is empty but email is configured (SMTP_HOST or EMAIL_TRANSPORT=ses); give at least one address for"
                            + " alerts no routing rule matches");
        }
        serverName = p.text("server.name");
        pollInterval = Duration.ofMillis(Math.round(1000 * p.number("health.check.interval.sec", false)));
        confirmWait = Duration.ofMillis(Math.round(60_000 * p.number("wait.and.check.again.min", true)));
        flapping = FlappingSettings.read(properties);
        confirmMaximumRedeliveries = (int) p.wholeNumber("confirm.maximum.redeliveries", 1000);
        p.wholeNumber("confirm.redelivery.delay.ms", 3_600_000); // read by route confirm-retries; checked here
        p.wholeNumber("confirm.maximum.redelivery.delay.ms", 3_600_000);
        logLines = (int) p.wholeNumber("health.check.log.lines", 10_000);
        evidenceWindow = Duration.ofMillis(Math.round(60_000 * p.number("evidence.window.min", false)));
        rootCauseFolding = p.flag("root.cause.folding");
        engines = EngineSettings.read(properties);
        outboxDir = Path.of(p.text("outbox.dir"));
        routesDir = Path.of(p.text("routes.dir"));
        // Camel's own switch, if a Camel user sets it, means the same: Camel's reload itself is never turned on, as it
        // would replace every route with the one file that changed
        routesReload = p.flag("routes.reload") || CAMEL_RELOAD.stream().map(properties::getProperty)
                .anyMatch(value -> value != null && value.trim().equalsIgnoreCase("true"));
        heal = HealSettings.read(properties, confirmWait);
        watch = WatchSettings.read(properties);
        lifecycle = LifecycleSettings.read(properties);
        api = ApiSettings.read(properties);
        tooling = ToolingSettings.read(properties);
        resources = ResourceSettings.read(properties);
        cluster = ClusterSettings.read(properties, database);
        heartbeat = HeartbeatSettings.read(properties);
        traces = TraceSettings.read(properties);
    }

    /** Camel's own reload switch, in its two spellings; RouteValues keeps Camel's reload keys from Camel. */
    public static final List<String> CAMEL_RELOAD = List.of("camel.main.routes-reload-enabled", "camel.main.routesReloadEnabled");

    public static Settings from(Properties properties) {
        return new Settings(properties);
    }

    /** SMTP sends alerts: SMTP_HOST is set and EMAIL_TRANSPORT is smtp or both. */
    public boolean smtpConfigured() {
        return smtpHost.isPresent() && delivery.smtpEnabled();
    }

    /** Some service sends emails (SMTP or SES); otherwise email recipients get their alerts in the outbox folder. */
    public boolean emailConfigured() {
        return smtpConfigured() || delivery.sesEnabled();
    }

    public DeliverySettings delivery() {
        return delivery;
    }

    public HealSettings heal() {
        return heal;
    }

    public WatchSettings watch() {
        return watch;
    }

    public LifecycleSettings lifecycle() {
        return lifecycle;
    }

    public ApiSettings api() {
        return api;
    }

    public ToolingSettings tooling() {
        return tooling;
    }

    public ClusterSettings cluster() {
        return cluster;
    }

    public ResourceSettings resources() {
        return resources;
    }

    public HeartbeatSettings heartbeat() {
        return heartbeat;
    }

    public TraceSettings traces() {
        return traces;
    }

    public SmtpSecurity smtpSecurity() {
        return switch (smtpPort) {
            case 587 -> SmtpSecurity.STARTTLS_REQUIRED;
            case 465 -> SmtpSecurity.IMPLICIT_TLS;
            default -> SmtpSecurity.STARTTLS_IF_OFFERED;
        };
    }

    public Optional<String> smtpHost() {
        return smtpHost;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public Optional<String> smtpUser() {
        return smtpUser;
    }

    public Optional<String> smtpPass() {
        return smtpPass;
    }

    public String senderEmail() {
        return senderEmail;
    }

    public List<String> alertEmails() {
        return alertEmails;
    }

    public AlertRouting routing() {
        return routing;
    }

    public String serverName() {
        return serverName;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public Duration confirmWait() {
        return confirmWait;
    }

    public FlappingSettings flapping() {
        return flapping;
    }

    /** How often a failing step after a wait is retried before the confirmation is dead-lettered. */
    public int confirmMaximumRedeliveries() {
        return confirmMaximumRedeliveries;
    }

    /** EVIDENCE_WINDOW_MIN: how far back a problem alert's timeline reaches. */
    public Duration evidenceWindow() {
        return evidenceWindow;
    }

    /** ROOT_CAUSE_FOLDING: dependents' alerts fold into the alert of the failing container they depend on. */
    public boolean rootCauseFolding() {
        return rootCauseFolding;
    }

    public int logLines() {
        return logLines;
    }

    public EngineSettings engines() {
        return engines;
    }

    /** The user's YAML routes, over the bundled ones (RouteFiles). */
    /** ROUTES_RELOAD: reload a file of ROUTES_DIR when it changes. */
    public boolean routesReload() {
        return routesReload;
    }

    public Path routesDir() {
        return routesDir;
    }

    /** The monitor's database: every store, and a pair's shared state. */
    public DatabaseSettings database() {
        return database;
    }

    public Path outboxDir() {
        return outboxDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The start-up summary; no secrets. */
    @Override
    public String toString() {
        return "server=" + serverName
                + ", " + engines
                + ", interval=" + pollInterval.toMillis() / 1000.0 + "s"
                + ", wait=" + confirmWait.toMillis() / 60_000.0 + "min"
                + ", " + flapping
                + ", logLines=" + logLines
                + ", smtp=" + smtpHost.map(host -> host + ":" + smtpPort + " " + smtpSecurity()
                        + smtpUser.map(user -> " as " + user).orElse("")).orElse("not configured (alerts go to " + outboxDir + "/)")
                + ", defaultRecipients=" + alertEmails
                + ", routingRules=" + routing.rules().size()
                + ", " + delivery
                + ", " + database
                + ", " + heal
                + ", " + watch
                + ", " + lifecycle
                + ", " + api
                + ", " + tooling
                + ", " + resources
                + ", " + cluster
                + ", " + heartbeat
                + ", " + traces;
    }
}
