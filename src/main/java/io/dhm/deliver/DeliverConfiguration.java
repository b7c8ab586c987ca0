package io.dhm.deliver;

import io.dhm.foundation.FoundationConfiguration;
import io.dhm.alert.AckLinkKey;
import io.dhm.alert.AckLinks;
import io.dhm.alert.AlertText;
import io.dhm.config.AckLinkSettings;
import io.dhm.config.DeliverySettings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import java.util.List;

/**
 * Route deliver.camel.yaml, and what the deliver-*.camel.yaml routes share: the durable outbox, the delivery loop that
 * sends what is due lane by lane through the channels (each configured in its own package: io.dhm.deliver.smtp, .ses,
 * .webhook, .endpoint, .folder), the mails' text and the signer of their Acknowledge links.
 */
public class DeliverConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final DeliveryLoop.Listener listener;
    private final List<ChannelConfiguration> channelConfigurations;
    private final Outbox outbox;
    private final AlertRecords alertRecords;
    private final AckLinks ackLinks;
    private List<Channel> channels;
    private DeliveryLoop deliveryLoop;

    /**
     * @param listener told of each delivery (the metrics)
     * @param channels the channels' configurations, configured before this one
     */
    public DeliverConfiguration(FoundationConfiguration foundation, DeliveryLoop.Listener listener,
                                List<ChannelConfiguration> channels) {
        this.foundation = foundation;
        this.listener = listener;
        this.channelConfigurations = channels;
        this.outbox = new Outbox(foundation.database());
        this.alertRecords = new AlertRecords(foundation.database());
        this.ackLinks = ackLinks(foundation);
    }

    /** The signed links of the mails; without API_PUBLIC_URL none, and no key is made. */
    private static AckLinks ackLinks(FoundationConfiguration foundation) {
        AckLinkSettings settings = foundation.settings().api().ackLinks();
        if (settings.publicUrl().isEmpty()) {
            return AckLinks.none();
        }
        return new AckLinks(settings.publicUrl(), AckLinkKey.of(settings.secret(), foundation.settings().dataDir()),
                settings.ttl(), foundation.clock());
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        DeliverySettings delivery = foundation.settings().delivery();
        ProducerTemplate producer = context.createProducerTemplate();
        // every channel an alert can be routed to; AlertRouter only routes to the configured ones
        channels = channelConfigurations.stream().map(channel -> channel.channel(producer)).toList();
        deliveryLoop = new DeliveryLoop(outbox, channels, foundation.clock(), delivery.groupWait(), delivery.maxAge(),
                listener);
        context.getRegistry().bind("deliveryLoop", deliveryLoop);
        context.addService(deliveryLoop.lifecycle(), true, true);
    }

    @BindToRegistry
    public AlertText alertText() {
        return new AlertText(foundation.settings().delivery().templatesDir(), ackLinks);
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The outbox as the API and the dashboard read it. */
    public AlertRecords alertRecords() {
        return alertRecords;
    }

    public AckLinks ackLinks() {
        return ackLinks;
    }

    /** Known once {@link #configure} has run. */
    public List<Channel> channels() {
        return channels;
    }

    /** Known once {@link #configure} has run. */
    public DeliveryLoop deliveryLoop() {
        return deliveryLoop;
    }
}
