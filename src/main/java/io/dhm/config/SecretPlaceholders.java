package io.dhm.config;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.spi.ModelToXMLDumper;
import org.apache.camel.spi.ModelToYAMLDumper;
import org.apache.camel.spi.PropertiesSource;
import org.apache.camel.support.PluginHelper;

import java.util.concurrent.Callable;

/**
 * The secrets among the settings (passwords, tokens, keys: {@link SettingSources#isSecret}) for the routes'
 * {{placeholders}}, looked up one key at a time. Camel lists the properties of its other sources in its consoles and
 * the Camel CLI; this source cannot be listed, so a secret a route uses is never shown there. Camel's route dumps
 * (YAML and XML: the developer console, `camel cmd route-dump`, JMX) resolve placeholders, so while one is made the
 * secrets resolve as {@value LiveSettings#SECRET}, and the secrets' values left in it are masked too.
 */
public class SecretPlaceholders implements PropertiesSource {

    private final LiveSettings live;
    private final ThreadLocal<Boolean> dumping = ThreadLocal.withInitial(() -> false);

    public SecretPlaceholders(LiveSettings live) {
        this.live = live;
    }

    /** Adds the secrets to Camel's placeholders and has its route dumps show them masked. */
    public static void install(CamelContext context, LiveSettings live) {
        SecretPlaceholders secrets = new SecretPlaceholders(live);
        context.getPropertiesComponent().addPropertiesSource(secrets);
        ExtendedCamelContext extension = context.getCamelContextExtension();
        extension.addContextPlugin(ModelToYAMLDumper.class,
                new MaskedYamlDumps(PluginHelper.getModelToYAMLDumper(context), secrets));
        extension.addContextPlugin(ModelToXMLDumper.class,
                new MaskedXmlDumps(PluginHelper.getModelToXMLDumper(context), secrets));
    }

    @Override
    public String getName() {
        return "docker-health-monitor secrets";
    }

    @Override
    public String getProperty(String name) {
        return live.secret(name)
                .map(value -> dumping.get() && !value.isBlank() ? LiveSettings.SECRET : value)
                .orElse(null);
    }

    /**
     * Makes a route dump on this thread, the secrets resolving masked, and masks in it every secret's value
     * ({@link SecretValues}): Camel resolves some placeholders before asking this source (SMTP_PASS from the
     * environment for {{smtp.pass}}, system properties), and a route may hold a secret's value written out.
     */
    String masked(Callable<String> dump) throws Exception {
        dumping.set(true);
        try {
            return SecretValues.mask(dump.call());
        } finally {
            dumping.remove();
        }
    }
}
