package io.dhm.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.HashMap;
import java.util.Map;

/**
 * A trace carried across what outlives a thread: the W3C {@code traceparent} of the span current on this thread, kept
 * with a stored alert, made current again on the thread that delivers it. With traces off no span is ever current,
 * so {@link #current()} is null and {@link #resume} does nothing.
 */
public final class TraceParent {

    /** The W3C header, also the one Camel's tracer reads and writes on an exchange. */
    public static final String HEADER = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceParent() {
    }

    /** The traceparent of the span current on this thread, or null when there is none. */
    public static String current() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** Makes the trace of {@code traceparent} current on this thread until the scope is closed; null: no trace. */
    public static Scope resume(String traceparent) {
        if (traceparent == null) {
            return Scope.noop();
        }
        return W3C.extract(Context.root(), Map.of(HEADER, traceparent), MAP).makeCurrent();
    }
}
