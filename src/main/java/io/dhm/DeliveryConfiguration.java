package io.dhm;

import io.dhm.alert.AckLinkKey;
import io.dhm.alert.AckLinks;
import io.dhm.alert.AlertText;
import io.dhm.config.AckLinkSettings;
import io.dhm.config.DeliverySettings;
import io.dhm.config.InvalidSettingException;
import io.dhm.config.Settings;
import io.dhm.deliver.AlertRecords;
import io.dhm.deliver.Channel;
import io.dhm.deliver.DeliveryLoop;
import io.dhm.deliver.Outbox;
import io.dhm.deliver.endpoint.EndpointChannel;
import io.dhm.deliver.folder.FolderChannel;
import io.dhm.deliver.ses.SesChannel;
import io.dhm.deliver.ses.SesEndpoint;
import io.dhm.deliver.smtp.SmtpChannel;
import io.dhm.deliver.smtp.SmtpEndpoint;
import io.dhm.deliver.webhook.WebhookChannel;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes deliver.camel.yaml and channel-*.camel.yaml: the durable outbox, the delivery loop that sends what is due
 * lane by lane, and one channel per way out (io.dhm.deliver.smtp, .ses, .webhook, .endpoint, .folder).
 */
public class DeliveryConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final Outbox outbox;
    private final AlertRecords alertRecords;
    private final AckLinks ackLinks;
    private List<Channel> channels;
    private DeliveryLoop deliveryLoop;

    public DeliveryConfiguration(FoundationConfiguration foundation) {
        this.foundation = foundation;
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
        Settings settings = foundation.settings();
        DeliverySettings delivery = settings.delivery();
        if (settings.smtpConfigured()) {
            context.getRegistry().bind(SmtpEndpoint.scheme(settings), SmtpEndpoint.component(settings));
        }
        if (delivery.sesEnabled()) {
            context.getRegistry().bind(SesEndpoint.SCHEME, SesEndpoint.component(settings));
        }
        checkEndpoints(context, settings);
        ProducerTemplate producer = context.createProducerTemplate();
        // every channel an alert can be routed to; AlertRouter only routes to the configured ones
        channels = List.of(new SmtpChannel(producer), new SesChannel(producer), new WebhookChannel(producer, delivery),
                new EndpointChannel(producer), new FolderChannel(producer));
        deliveryLoop = new DeliveryLoop(outbox, channels, foundation.clock(), delivery.groupWait(), delivery.maxAge(),
                foundation.monitorMetrics());
        context.getRegistry().bind("deliveryLoop", deliveryLoop);
        context.addService(deliveryLoop.lifecycle(), true, true);
    }

    /**
     * Resolves each endpoint URI an alert can be sent to as the channel-endpoint route will, so that an unknown scheme,
     * a misspelt option or a missing placeholder stops start-up naming the setting instead of failing every alert.
     */
    private static void checkEndpoints(CamelContext context, Settings settings) {
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

    @BindToRegistry
    public AlertText alertText() {
        return new AlertText(foundation.settings().delivery().templatesDir(), ackLinks);
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
