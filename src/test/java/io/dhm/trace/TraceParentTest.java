package io.dhm.trace;

import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The traceparent an alert keeps in the outbox, and the trace made current again where it is delivered. */
class TraceParentTest {

    private static final String STORED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void noTraceWithoutACurrentSpan() {
        assertNull(TraceParent.current());
        try (Scope none = TraceParent.resume(null)) {
            assertNull(TraceParent.current());
        }
    }

    @Test
    void aStoredTraceIsCurrentWhileResumedAndOnlyThen() {
        try (Scope resumed = TraceParent.resume(STORED)) {
            assertEquals(STORED, TraceParent.current());
        }
        assertNull(TraceParent.current());
    }
}
