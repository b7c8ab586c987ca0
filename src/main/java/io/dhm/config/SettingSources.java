package io.dhm.config;


import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Merges the places a setting can come from, lowest priority first: the application.properties inside the jar,
 * application.properties in the working directory, .env in the working directory, the process environment.
 * Property keys are the classic .env's variable names in lower case with dots ({@code SMTP_HOST} is {@code smtp.host}),
 * so one rule maps every key to its environment variable.
 */
public final class SettingSources {

    private static final String PROPERTIES = "application.properties";
    private static final Pattern SECRET_NAME = Pattern.compile("pass|secret|token|key|credential", Pattern.CASE_INSENSITIVE);
    /** Secrets whose names do not say so. */
    private static final Set<String> SECRET_KEYS = Set.of("webhook.headers", "heartbeat.url");

    private SettingSources() {
    }

    private static final Properties DEFAULTS = bundled();

    /** The bundled application.properties: every setting's name and default, and nothing else. */
    public static Properties defaults() {
        return DEFAULTS;
    }

    private static Properties bundled() {
        Properties defaults = new Properties();
        try (InputStream bundled = SettingSources.class.getClassLoader().getResourceAsStream(PROPERTIES)) {
            if (bundled == null) {
                throw new IllegalStateException("the bundled " + PROPERTIES + " is missing from the classpath");
            }
            defaults.load(bundled);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + PROPERTIES, e);
        }
        return defaults;
    }

    /** A variable named after a setting with this suffix names a file that holds the setting's value. */
    public static final String FILE_SUFFIX = "_FILE";

    public static Properties load(Path workDir, Map<String, String> environment) {
        Properties merged = new Properties();
        merged.putAll(DEFAULTS);
        Path local = workDir.resolve(PROPERTIES);
        if (Files.isRegularFile(local)) {
            try (Reader reader = Files.newBufferedReader(local, StandardCharsets.UTF_8)) {
                merged.load(reader);
            } catch (IOException e) {
                throw new InvalidSettingException(local.toString(), "cannot be read: " + e.getMessage());
            }
        }
        DotEnvFile.read(workDir.resolve(".env")).forEach((name, value) -> merged.setProperty(propertyKey(name), value));
        for (String key : merged.stringPropertyNames()) {
            if (key.startsWith("monitor.")) {
                continue; // derived for the routes, never set
            }
            String fromEnvironment = environment.get(variableName(key));
            String file = environment.get(variableName(key) + FILE_SUFFIX);
            if (fromEnvironment != null) {
                merged.setProperty(key, fromEnvironment);
            } else if (file != null) {
                merged.setProperty(key, fromFile(variableName(key) + FILE_SUFFIX, Path.of(file)));
            }
        }
        return merged;
    }

    /**
     * The value of a setting given as a file, as Docker and Compose secrets are (SMTP_PASS_FILE=/run/secrets/smtp_pass):
     * the file's text without its trailing line break.
     */
    private static String fromFile(String variable, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replaceFirst("\\R+\\z", "");
        } catch (IOException e) {
            throw new InvalidSettingException(variable, "'" + file + "' cannot be read (" + e.getClass().getSimpleName()
                    + "): mount the secret there, or give the setting itself");
        }
    }

    /**
     * Whether a key of application.properties is one of the monitor's settings: not Camel's own camel.* keys and not
     * the monitor.* values the monitor derives for the routes.
     */
    public static boolean isSetting(String key) {
        return !key.startsWith("camel.") && !key.startsWith("monitor.");
    }

    /**
     * Whether a key's value is a secret, the monitor's or a user's: its name says pass(word), secret, token or key, or
     * it is webhook.headers (which carries tokens) or heartbeat.url (whose path or query is the check's secret, as
     * healthchecks.io's UUID or an Uptime Kuma push token). Secrets are masked wherever settings are shown.
     */
    public static boolean isSecret(String key) {
        return SECRET_NAME.matcher(key).find() || SECRET_KEYS.contains(key);
    }

    /** {@code smtp.host} -> {@code SMTP_HOST}: the environment variable that overrides a property. */
    public static String variableName(String propertyKey) {
        return propertyKey.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    public static String propertyKey(String variableName) {
        return variableName.toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
