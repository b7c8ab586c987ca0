package io.dhm.deliver.folder;

import io.dhm.deliver.Batch;
import io.dhm.deliver.Channel;
import io.dhm.deliver.DeliveryResult;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/** Alerts written to the outbox folder (OUTBOX_DIR) when no email service or webhook is configured. */
public class FolderChannel implements Channel {

    private final ProducerTemplate producer;

    public FolderChannel(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public String name() {
        return "folder";
    }

    @Override
    public DeliveryResult deliver(Batch batch) {
        Exchange written = producer.send("direct:channel-folder", exchange -> exchange.getMessage().setBody(batch));
        return written.getException() == null
                ? DeliveryResult.delivered("written to " + written.getMessage().getHeader(Exchange.FILE_NAME_PRODUCED))
                : DeliveryResult.retry(written.getException().getMessage());
    }
}
