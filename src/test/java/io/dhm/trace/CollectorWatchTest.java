package io.dhm.trace;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A collector that is down costs one WARN, and one INFO when it takes spans again, however many batches fail. */
class CollectorWatchTest {

    private static final String COLLECTOR = "http://127.0.0.1:4318/v1/traces";

    private volatile boolean up;
    private final List<LogEvent> logged = new CopyOnWriteArrayList<>();
    private final AbstractAppender capture = new AbstractAppender("collector-watch-test", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            logged.add(event.toImmutable());
        }
    };

    /** Answers as the collector would: accepted while up, a refused connection while down. */
    private final SpanExporter collector = new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return up ? CompletableResultCode.ofSuccess()
                    : CompletableResultCode.ofExceptionalFailure(new ConnectException("Connection refused"));
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    };

    @BeforeEach
    void captureLog() {
        capture.start();
        ((Logger) LogManager.getLogger(CollectorWatch.class)).addAppender(capture);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LogManager.getLogger(CollectorWatch.class)).removeAppender(capture);
        capture.stop();
    }

    private List<String> messages(Level level) {
        return logged.stream().filter(event -> event.getLevel() == level)
                .map(event -> event.getMessage().getFormattedMessage()).toList();
    }

    @Test
    void anOutageIsLoggedOnceAndSoIsTheRecovery() {
        CollectorWatch watch = new CollectorWatch(collector, COLLECTOR);
        for (int batch = 0; batch < 5; batch++) {
            watch.export(List.of());
        }
        assertEquals(1, messages(Level.WARN).size(), logged.toString());
        assertTrue(messages(Level.WARN).get(0).contains(COLLECTOR) && messages(Level.WARN).get(0).contains("Connection refused"),
                messages(Level.WARN).get(0));

        up = true;
        watch.export(List.of());
        watch.export(List.of());
        assertEquals(List.of("Traces: the collector at " + COLLECTOR + " takes spans again"), messages(Level.INFO));

        up = false;
        watch.export(List.of());
        assertEquals(2, messages(Level.WARN).size(), "a new outage is told again");
    }
}
