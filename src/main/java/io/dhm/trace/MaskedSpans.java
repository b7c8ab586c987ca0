package io.dhm.trace;

import io.dhm.config.SecretValues;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;
import java.util.List;

/**
 * Spans leave the monitor with the secrets masked by value, as its logs and Camel's tools do ({@link SecretValues}):
 * Camel's tracer records a webhook's full URL ({@code http.url}), endpoint URIs and the routes' log lines, any of which
 * may carry a token.
 */
final class MaskedSpans extends ForwardingExporter {


    MaskedSpans(SpanExporter exporter) {
        super(exporter);
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return exporter.export(spans.stream().map(MaskedSpans::masked).toList());
    }

    static SpanData masked(SpanData span) {
        Attributes attributes = masked(span.getAttributes());
        List<EventData> events = span.getEvents().stream()
                .map(event -> EventData.create(event.getEpochNanos(), event.getName(), masked(event.getAttributes()),
                        event.getTotalAttributeCount()))
                .toList();
        return new DelegatingSpanData(span) {
            @Override
            public Attributes getAttributes() {
                return attributes;
            }

            @Override
            public List<EventData> getEvents() {
                return events;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Attributes masked(Attributes attributes) {
        AttributesBuilder masked = Attributes.builder();
        attributes.forEach((key, value) -> {
            if (key.getType() == AttributeType.STRING) {
                masked.put((AttributeKey<String>) key, SecretValues.mask((String) value));
            } else {
                masked.put((AttributeKey<Object>) key, value);
            }
        });
        return masked.build();
    }
}
