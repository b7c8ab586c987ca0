package io.dhm.deliver.endpoint;

import io.dhm.config.InvalidSettingException;
import io.dhm.config.Settings;
import io.dhm.deliver.Channel;
import io.dhm.deliver.ChannelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import java.util.LinkedHashMap;
import java.util.Map;

/** Route deliver-endpoint.camel.yaml: alerts sent to any Camel endpoint URI the settings name. */
public class EndpointConfiguration implements ChannelConfiguration {

    private final Settings settings;

    public EndpointConfiguration(Settings settings) {
        this.settings = settings;
    }

    /**
     * Resolves each endpoint URI an alert can be sent to as the channel-endpoint route will, so that an unknown scheme,
     * a misspelt option or a missing placeholder stops start-up naming the setting instead of failing every alert.
     * Configured after the mail and SES channels, whose components such a URI may name.
     */
    @Override
    public void configure(CamelContext context) {
        Map<String, String> uris = new LinkedHashMap<>();
        settings.routing().endpointUris().forEach(uri -> uris.put(uri, "CONTAINER_ALERT_ROUTING"));
        settings.delivery().alertEndpoints().forEach(uri -> uris.put(uri, "ALERT_ENDPOINTS"));
        uris.forEach((uri, variable) -> {
            try {
                context.getEndpoint(uri);
            } catch (RuntimeException e) {
                throw new InvalidSettingException(variable, "'" + uri + "' is not an endpoint Camel can send to: "
                        + e.getMessage());
            }
        });
    }

    @Override
    public Channel channel(ProducerTemplate producer) {
        return new EndpointChannel(producer);
    }
}
