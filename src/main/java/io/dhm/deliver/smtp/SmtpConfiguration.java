package io.dhm.deliver.smtp;

import io.dhm.config.Settings;
import io.dhm.deliver.Channel;
import io.dhm.deliver.ChannelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/** Route deliver-smtp.camel.yaml: the mail component of SMTP_HOST, when one is set. */
public class SmtpConfiguration implements ChannelConfiguration {

    private final Settings settings;

    public SmtpConfiguration(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void configure(CamelContext context) {
        if (settings.smtpConfigured()) {
            context.getRegistry().bind(SmtpEndpoint.scheme(settings), SmtpEndpoint.component(settings));
        }
    }

    @Override
    public Channel channel(ProducerTemplate producer) {
        return new SmtpChannel(producer);
    }
}
