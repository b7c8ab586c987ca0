package io.dhm.config;

import org.apache.camel.spi.LoadablePropertiesSource;
import org.apache.camel.util.OrderedLocationProperties;

import java.util.Properties;
import java.util.function.Predicate;

/**
 * The settings and the user's own keys, as a properties source Camel lists under the location {@value #LOCATION}: its
 * properties console (/q/dev/properties) and `camel get properties` show them. Camel counts the override and initial
 * properties it is given as its internals, which the CLI leaves out; so only Camel's own camel.* keys and the monitor.*
 * values derived for the routes go there ({@link #internal}). The secrets are in neither: they reach the routes through
 * {@link SecretPlaceholders}, which cannot be listed.
 */
public final class ListedSettings implements LoadablePropertiesSource {

    public static final String LOCATION = "settings";

    private final OrderedLocationProperties listed = new OrderedLocationProperties();

    /** @param camelProperties what Camel is given, secrets already left out */
    public ListedSettings(Properties camelProperties) {
        camelProperties.stringPropertyNames().stream().filter(SettingSources::isSetting).sorted()
                .forEach(key -> listed.put(LOCATION, key, camelProperties.getProperty(key)));
    }

    /** The camel.* and monitor.* keys of {@code camelProperties}: Camel's override properties. */
    public static Properties internal(Properties camelProperties) {
        Properties internal = new Properties();
        camelProperties.stringPropertyNames().stream().filter(key -> !SettingSources.isSetting(key))
                .forEach(key -> internal.setProperty(key, camelProperties.getProperty(key)));
        return internal;
    }

    @Override
    public String getName() {
        return LOCATION;
    }

    @Override
    public String getProperty(String name) {
        return listed.getProperty(name);
    }

    @Override
    public Properties loadProperties() {
        return loadProperties(key -> true);
    }

    @Override
    public Properties loadProperties(Predicate<String> filter) {
        OrderedLocationProperties answer = new OrderedLocationProperties();
        listed.stringPropertyNames().stream().filter(filter).sorted()
                .forEach(key -> answer.put(LOCATION, key, listed.getProperty(key)));
        return answer;
    }

    @Override
    public void reloadProperties(String location) {
        // fixed at start: a changed setting needs a restart, as the placeholders resolved in the routes do
    }
}
