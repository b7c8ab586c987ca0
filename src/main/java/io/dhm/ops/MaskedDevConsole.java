package io.dhm.ops;

import io.dhm.config.SecretValues;
import org.apache.camel.CamelContext;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.main.MainConfigurationDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * One of Camel's developer consoles (/q/dev, the Camel CLI's camel get endpoint, route, properties, ...), its answers
 * with every secret's value masked ({@link SecretValues}). Camel masks only the options it knows as secret
 * (URISupport.sanitizeUri) and the endpoint console lists each endpoint's URI as it is: a webhook URL's path token, a
 * query value or a user-info password would show.
 */
public final class MaskedDevConsole implements DevConsole {

    /** Camel's tools cast a console's JSON answer to its own JsonObject. */
    private static final MaskedValues JSON = new MaskedValues(JsonObject::new, JsonArray::new);

    private final DevConsole console;

    private MaskedDevConsole(DevConsole console) {
        this.console = console;
    }

    /**
     * Loads Camel's consoles and puts each in the context's registry masked. The registry keeps the first console of
     * an id: those Camel loads again later (Camel Main does at start) stay out. Camel Main's own console of its
     * start-up options is left as it is: Main looks it up as its own class to record them, and it shows Camel's camel.*
     * options only, their secrets masked by Camel.
     */
    public static void maskAll(CamelContext context) {
        DevConsoleRegistry registry = DevConsoleRegistry.get(context);
        if (registry == null) {
            return; // no camel-console
        }
        registry.loadDevConsoles();
        List<DevConsole> loaded = registry.stream()
                .filter(console -> !(console instanceof MaskedDevConsole || console instanceof MainConfigurationDevConsole))
                .toList();
        for (DevConsole console : loaded) {
            registry.unregister(console);
            registry.register(new MaskedDevConsole(console));
        }
    }

    @Override
    public Object call(MediaType mediaType, Map<String, Object> options) {
        return JSON.masked(console.call(mediaType, options));
    }

    @Override
    public String getGroup() {
        return console.getGroup();
    }

    @Override
    public String getId() {
        return console.getId();
    }

    @Override
    public String getDisplayName() {
        return console.getDisplayName();
    }

    @Override
    public String getDescription() {
        return console.getDescription();
    }

    @Override
    public boolean supportMediaType(MediaType mediaType) {
        return console.supportMediaType(mediaType);
    }
}
