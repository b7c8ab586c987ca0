package io.dhm.check;

import io.dhm.engine.ContainerView;

/**
 * One kind of custom check. Every failure of the container is a failed result that says why; only an unreachable
 * engine is thrown ({@link io.dhm.engine.EngineUnavailableException}), since it says nothing about the container.
 */
public interface Probe {

    ProbeResult probe(CheckSpec spec, ContainerView container);

    /** Failures as the probes report them: the exception's own words, or its type when it has none. */
    static String reason(Exception e) {
        Throwable said = e;
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                said = cause; // the innermost message is the precise one ("Connection refused")
            }
        }
        if (said.getMessage() != null && !said.getMessage().isBlank()) {
            return said.getMessage();
        }
        // the JDK's HttpClient reports a refused connection as a ConnectException without any message
        return e instanceof java.net.ConnectException ? "Connection refused" : e.getClass().getSimpleName();
    }
}
