package io.dhm.deliver.webhook;

import io.dhm.config.DeliverySettings;
import io.dhm.deliver.Channel;
import io.dhm.deliver.ChannelConfiguration;
import org.apache.camel.ProducerTemplate;

/** Route deliver-webhook.camel.yaml: the webhooks, signed with their secrets. */
public class WebhookConfiguration implements ChannelConfiguration {

    private final DeliverySettings settings;

    public WebhookConfiguration(DeliverySettings settings) {
        this.settings = settings;
    }

    @Override
    public Channel channel(ProducerTemplate producer) {
        return new WebhookChannel(producer, settings);
    }
}
