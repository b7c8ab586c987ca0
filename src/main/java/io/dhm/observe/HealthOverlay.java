package io.dhm.observe;

import io.dhm.engine.ContainerView;

import java.util.Set;

/**
 * Health that the engine does not report (custom checks) laid over what it does, so that every stage sees one view
 * of a container whichever source made it unhealthy.
 */
public interface HealthOverlay {

    /** The view with the overlay's health merged in. */
    ContainerView apply(ContainerView container);

    /** Forgets every container of the engine but these (a full poll lists all that run on it). */
    void retain(String engine, Set<String> runningIds);
}
