package io.dhm.deliver.folder;

import io.dhm.deliver.Channel;
import io.dhm.deliver.ChannelConfiguration;
import org.apache.camel.ProducerTemplate;

/** Route deliver-folder.camel.yaml: alerts written as files into a folder. */
public class FolderConfiguration implements ChannelConfiguration {

    @Override
    public Channel channel(ProducerTemplate producer) {
        return new FolderChannel(producer);
    }
}
