package io.dhm.deliver.ses;

import io.dhm.config.Settings;
import io.dhm.deliver.Channel;
import io.dhm.deliver.ChannelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/** Route deliver-ses.camel.yaml: the AWS SES component, when SES is enabled. */
public class SesConfiguration implements ChannelConfiguration {

    private final Settings settings;

    public SesConfiguration(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void configure(CamelContext context) {
        if (settings.delivery().sesEnabled()) {
            context.getRegistry().bind(SesEndpoint.SCHEME, SesEndpoint.component(settings));
        }
    }

    @Override
    public Channel channel(ProducerTemplate producer) {
        return new SesChannel(producer);
    }
}
