package io.dhm.check;

import io.dhm.docker.ContainerView;

/**
 * One kind of custom check. Every failure of the container is a failed result that says why; only an unreachable
 * engine is thrown ({@link io.dhm.docker.EngineUnavailableException}), since it says nothing about the container.
 */
public interface Probe {

    ProbeResult probe(CheckSpec spec, ContainerView container);

    /** Failures as the probes report them: the exception's own words, or its type when it has none. */
    static String reason(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
