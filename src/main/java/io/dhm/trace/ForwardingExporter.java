package io.dhm.trace;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** An exporter in front of another, which does something to each batch on its way; flushing and shutting down pass. */
abstract class ForwardingExporter implements SpanExporter {

    protected final SpanExporter exporter;

    ForwardingExporter(SpanExporter exporter) {
        this.exporter = exporter;
    }

    @Override
    public CompletableResultCode flush() {
        return exporter.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return exporter.shutdown();
    }
}
