package io.dhm.ack;

import io.dhm.alert.AckLinks;
import io.dhm.deliver.AlertRecords;
import io.dhm.foundation.FoundationConfiguration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * Route ack-link.camel.yaml: the page behind a mail's signed Acknowledge link, and the acknowledging by alert id that
 * the API shares.
 */
public class AckConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final AckLinks ackLinks;
    private final AlertAcknowledger acknowledger;

    public AckConfiguration(FoundationConfiguration foundation, Acknowledgements acknowledgements, AlertRecords alerts,
                            AckLinks ackLinks) {
        this.foundation = foundation;
        this.ackLinks = ackLinks;
        this.acknowledger = new AlertAcknowledger(alerts, foundation.tracker(), acknowledgements, foundation.history(),
                foundation.clock(), foundation.leadership()::follower);
    }

    @BindToRegistry
    public AckLinkPages ackLinkPages() {
        return new AckLinkPages(ackLinks, acknowledger, foundation.clock());
    }

    public AlertAcknowledger acknowledger() {
        return acknowledger;
    }
}
