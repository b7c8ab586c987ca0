package io.dhm.observe;

import io.dhm.engine.ContainerView;

import java.time.Instant;

/** A container that has been unhealthy without a break since {@code since}. */
public record UnhealthySpell(ContainerView container, Instant since) {
}
