package io.dhm.trace;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * An exchange that Java code sends inside a trace joins it. Camel's tracer takes a new exchange's parent from its
 * {@code traceparent} header only, not from the span current on the thread, so an exchange a bean starts with a
 * ProducerTemplate (a channel delivering a stored alert on the delivery loop's worker) would begin a trace of its own.
 * Told of each send before Camel's tracer is (it is added first), this gives such an exchange the current trace.
 */
final class JoinCurrentTrace extends EventNotifierSupport {

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeSendingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeSendingEvent) event).getExchange();
        if (exchange.getIn().getHeader(TraceParent.HEADER) == null) {
            String current = TraceParent.current();
            if (current != null) {
                exchange.getIn().setHeader(TraceParent.HEADER, current);
            }
        }
    }
}
