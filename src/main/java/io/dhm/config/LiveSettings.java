package io.dhm.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The settings as the API shows and changes them, by their environment variable names. Secrets are never shown:
 * they read as {@value #SECRET}, and so do the secret parts of the URLs and endpoints a setting names
 * ({@link TargetMask}); a value sent back as it was shown means "unchanged". The auto-heal settings and
 * ALERT_COOLDOWN_SEC apply at once; every other setting is read at start-up, so changing it through the API is
 * refused (PUT) or reported as needing a restart (import). Changes last until the monitor stops: export to keep them.
 * The secrets' values, at start and after each change, are masked wherever text leaves the monitor ({@link SecretValues}).
 */
public class LiveSettings {

    public static final String SECRET = "********";

    private final AtomicReference<Properties> properties;
    private final AtomicReference<Settings> settings;

    public LiveSettings(Properties start, Settings startSettings) {
        this.properties = new AtomicReference<>(copy(start));
        this.settings = new AtomicReference<>(startSettings);
        SecretValues.register(start);
    }

    /** What became of a change: the variables applied, those left as they were, those that need a restart. */
    public record Outcome(List<String> applied, List<String> unchanged, List<String> needRestart) {
    }

    public Settings current() {
        return settings.get();
    }

    /** Every setting by variable name, secrets masked. */
    public Map<String, String> view() {
        Map<String, String> view = new TreeMap<>();
        Properties now = properties.get();
        for (String key : now.stringPropertyNames()) {
            if (SettingSources.isSetting(key)) {
                String value = now.getProperty(key);
                view.put(SettingSources.variableName(key), shown(key, value));
            }
        }
        return view;
    }

    /** A setting as it is shown: a secret masked whole, any other with its targets' secret parts masked. */
    private static String shown(String key, String value) {
        if (SettingSources.isSecret(key)) {
            return value.isBlank() ? value : SECRET;
        }
        return TargetMask.inText(value);
    }

    /** A secret's current value, for a route's {{placeholder}}; empty for any other key (see SecretPlaceholders). */
    public Optional<String> secret(String key) {
        return SettingSources.isSecret(key) ? Optional.ofNullable(properties.get().getProperty(key)) : Optional.empty();
    }

    /** Whether a variable applies without a restart. */
    public static boolean live(String variable) {
        String key = SettingSources.propertyKey(variable);
        return key.startsWith("autoheal.") || key.equals("alert.cooldown.sec");
    }

    /**
     * Applies {@code changes} (variable → value). With {@code strict} (PUT), a variable that needs a restart is an
     * error; without (import), it is reported. Unknown variables and invalid values are {@link InvalidSettingException}
     * naming the variable, and nothing is applied.
     */
    public synchronized Outcome change(Map<String, String> changes, boolean strict) {
        Properties next = copy(properties.get());
        List<String> applied = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> needRestart = new ArrayList<>();
        for (Map.Entry<String, String> change : new LinkedHashMap<>(changes).entrySet()) {
            String variable = change.getKey();
            String key = SettingSources.propertyKey(variable);
            String value = change.getValue() == null ? "" : change.getValue().trim();
            if (!next.containsKey(key) || !SettingSources.isSetting(key)) {
                throw new InvalidSettingException(variable, "is not a setting of docker-health-monitor");
            }
            String current = next.getProperty(key).trim();
            // what an export shows comes back unchanged: a secret, or a value whose targets were masked
            if (SECRET.equals(value) || value.equals(current) || value.equals(shown(key, current))) {
                unchanged.add(variable);
            } else if (!live(variable)) {
                if (strict) {
                    throw new InvalidSettingException(variable, "is read at start-up only; set it in .env or the"
                            + " environment and restart (live: AUTOHEAL_* and ALERT_COOLDOWN_SEC)");
                }
                needRestart.add(variable);
            } else {
                next.setProperty(key, value);
                applied.add(variable);
            }
        }
        Settings validated = Settings.from(next);
        SecretValues.register(next); // no secret is live today; a target a live setting names is masked at once
        properties.set(next);
        settings.set(validated);
        return new Outcome(applied, unchanged, needRestart);
    }

    private static Properties copy(Properties source) {
        Properties copy = new Properties();
        copy.putAll(source);
        return copy;
    }
}
