package io.dhm.deliver;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.ProducerTemplate;

/**
 * A channel's own configuration, in the channel's package: it binds what its deliver-*.camel.yaml route needs (a
 * component for the settings given), and makes the channel the delivery loop sends through.
 */
public interface ChannelConfiguration extends CamelConfiguration {

    /** The channel, sending through {@code producer}; asked once this configuration has configured the context. */
    Channel channel(ProducerTemplate producer);
}
