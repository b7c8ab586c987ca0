package io.dhm.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The monitor's validated settings. Every field comes from a key of application.properties that the environment
 * variable of the same name overrides (see {@link SettingSources}); an unusable value stops start-up with an
 * {@link InvalidSettingException} naming that variable. SMTP_PASS is never part of a message or of toString.
 */
public final class Settings {

    /** How SMTP is secured, decided by the port as in the seed. */
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
    private final int logLines;
    private final String dockerHost;
    private final boolean dockerTlsVerify;
    private final Optional<String> dockerCertPath;
    private final Path outboxDir;
    private final Path dataDir;

    private Settings(Properties p) {
        smtpHost = optional(p, "smtp.host");
        smtpPort = port(p, "smtp.port", 587);
        smtpUser = optional(p, "smtp.user");
        smtpPass = optional(p, "smtp.pass");
        if (smtpUser.isPresent() && smtpPass.isEmpty()) {
            throw new InvalidSettingException("SMTP_PASS", "is empty but SMTP_USER is set; give the password for " + smtpUser.get());
        }
        senderEmail = optional(p, "sender.email")
                .or(() -> smtpUser.filter(user -> user.contains("@")))
                .map(address -> EmailAddresses.parse("SENDER_EMAIL", address))
                .orElse("docker-health-monitor@localhost");
        alertEmails = EmailAddresses.parseList("HEALTH_CHECK_ALERT_EMAILS", optional(p, "health.check.alert.emails").orElse(null));
        routing = AlertRouting.parse("CONTAINER_ALERT_ROUTING", optional(p, "container.alert.routing").orElse(null), alertEmails);
        if (smtpHost.isPresent() && alertEmails.isEmpty()) {
            throw new InvalidSettingException("HEALTH_CHECK_ALERT_EMAILS",
                    "is empty but SMTP_HOST is set; give at least one address for alerts no routing rule matches");
        }
        serverName = optional(p, "server.name").orElse("Production");
        pollInterval = Duration.ofMillis(Math.round(1000 * positive(p, "health.check.interval.sec", 30, false)));
        confirmWait = Duration.ofMillis(Math.round(60_000 * positive(p, "wait.and.check.again.min", 15, true)));
        logLines = (int) wholeNumber(p, "health.check.log.lines", 50);
        dockerHost = dockerHost(p);
        dockerTlsVerify = flag(p, "docker.tls.verify");
        dockerCertPath = optional(p, "docker.cert.path");
        if (dockerTlsVerify && dockerCertPath.map(path -> !Files.isDirectory(Path.of(path))).orElse(false)) {
            throw new InvalidSettingException("DOCKER_CERT_PATH", "'" + dockerCertPath.get() + "' is not a directory");
        }
        outboxDir = Path.of(optional(p, "outbox.dir").orElse("outbox"));
        dataDir = Path.of(optional(p, "data.dir").orElse("data"));
    }

    public static Settings from(Properties properties) {
        return new Settings(properties);
    }

    private static Optional<String> optional(Properties p, String key) {
        return Optional.ofNullable(p.getProperty(key)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static String text(Properties p, String key) {
        return optional(p, key).orElse(null);
    }

    private static int port(Properties p, String key, int fallback) {
        String raw = text(p, key);
        if (raw == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(raw);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the value
        }
        throw new InvalidSettingException(SettingSources.variableName(key), "'" + raw + "' is not a port number (1-65535)");
    }

    private static double positive(Properties p, String key, double fallback, boolean zeroAllowed) {
        String raw = text(p, key);
        if (raw == null) {
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0 || (!zeroAllowed && value == 0)) {
            throw new InvalidSettingException(SettingSources.variableName(key),
                    "'" + raw + "' is not a " + (zeroAllowed ? "number >= 0" : "number > 0"));
        }
        return value;
    }

    private static long wholeNumber(Properties p, String key, long fallback) {
        String raw = text(p, key);
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= 0 && value <= 10_000) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the value
        }
        throw new InvalidSettingException(SettingSources.variableName(key), "'" + raw + "' is not a whole number from 0 to 10000");
    }

    private static boolean flag(Properties p, String key) {
        String raw = optional(p, key).map(value -> value.toLowerCase(Locale.ROOT)).orElse("0");
        return switch (raw) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> throw new InvalidSettingException(SettingSources.variableName(key), "'" + raw + "' is not 1/0 or true/false");
        };
    }

    private static String dockerHost(Properties p) {
        String host = optional(p, "docker.host").orElse("unix:///var/run/docker.sock");
        if (!(host.startsWith("unix://") || host.startsWith("tcp://") || host.startsWith("npipe://"))) {
            throw new InvalidSettingException("DOCKER_HOST", "'" + host + "' must start with unix://, tcp:// or npipe://");
        }
        return host;
    }

    public boolean smtpConfigured() {
        return smtpHost.isPresent();
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

    /** For the aggregator's completionTimeout, which is read as a number of milliseconds. */
    public long confirmWaitMillis() {
        return confirmWait.toMillis();
    }

    public int logLines() {
        return logLines;
    }

    public String dockerHost() {
        return dockerHost;
    }

    public boolean dockerTlsVerify() {
        return dockerTlsVerify;
    }

    public Optional<String> dockerCertPath() {
        return dockerCertPath;
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
                + ", docker=" + dockerHost + (dockerTlsVerify ? " (TLS)" : "")
                + ", interval=" + pollInterval.toMillis() / 1000.0 + "s"
                + ", wait=" + confirmWait.toMillis() / 60_000.0 + "min"
                + ", logLines=" + logLines
                + ", smtp=" + smtpHost.map(host -> host + ":" + smtpPort + " " + smtpSecurity()
                        + smtpUser.map(user -> " as " + user).orElse("")).orElse("not configured (alerts go to " + outboxDir + "/)")
                + ", defaultRecipients=" + alertEmails
                + ", routingRules=" + routing.rules().size();
    }
}
