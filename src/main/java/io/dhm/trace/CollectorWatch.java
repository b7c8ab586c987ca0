package io.dhm.trace;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

/**
 * Says once that the collector does not take the spans, and once that it does again: the batch processor drops what
 * it cannot send and never holds the monitor up, so a collector that is down costs a WARN, not a line per batch.
 * The exporter's own complaints (java.util.logging, one per failed batch) are silenced for that reason.
 */
final class CollectorWatch extends ForwardingExporter {

    private static final Logger LOG = LoggerFactory.getLogger(CollectorWatch.class);
    /** Held here: java.util.logging keeps its loggers only weakly, and would forget the level set on one. */
    private static final java.util.logging.Logger EXPORTER_LOG = java.util.logging.Logger.getLogger("io.opentelemetry.exporter");

    private final String collector;
    private final AtomicBoolean failing = new AtomicBoolean();

    CollectorWatch(SpanExporter exporter, String collector) {
        super(exporter);
        this.collector = collector;
        EXPORTER_LOG.setLevel(Level.OFF);
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        CompletableResultCode result = exporter.export(spans);
        result.whenComplete(() -> {
            if (result.isSuccess()) {
                if (failing.compareAndSet(true, false)) {
                    LOG.info("Traces: the collector at {} takes spans again", collector);
                }
            } else if (failing.compareAndSet(false, true)) {
                LOG.warn("Traces: the collector at {} does not take spans ({}); they are dropped until it does", collector,
                        reason(result.getFailureThrowable()));
            }
        });
        return result;
    }

    /** The innermost cause, which names what went wrong (the exporter wraps it): ConnectException, a timeout ... */
    private static String reason(Throwable failure) {
        if (failure == null) {
            return "refused";
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
