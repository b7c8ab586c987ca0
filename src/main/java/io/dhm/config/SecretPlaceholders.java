package io.dhm.config;

import org.apache.camel.spi.PropertiesSource;

/**
 * The secrets among the settings (passwords, tokens, keys: {@link SettingSources#isSecret}) for the routes'
 * {{placeholders}}, looked up one key at a time. Camel lists the properties of its other sources in its consoles and
 * the Camel CLI; this source cannot be listed, so a secret a route uses is never shown there.
 */
public class SecretPlaceholders implements PropertiesSource {

    private final LiveSettings live;

    public SecretPlaceholders(LiveSettings live) {
        this.live = live;
    }

    @Override
    public String getName() {
        return "docker-health-monitor secrets";
    }

    @Override
    public String getProperty(String name) {
        return live.secret(name).orElse(null);
    }
}
