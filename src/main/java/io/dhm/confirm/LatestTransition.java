package io.dhm.confirm;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Keeps the newest transition of a container's wait. The transition itself carries when the trouble began, so nothing
 * else needs merging. It returns the old exchange with the new body because the persistent repository tracks that
 * instance (Camel's UseLatestAggregationStrategy returns the new one and is warned about).
 */
public class LatestTransition implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        if (oldExchange == null) {
            return newExchange;
        }
        oldExchange.getMessage().setBody(newExchange.getMessage().getBody());
        return oldExchange;
    }
}
