package io.dhm.detect;

import io.dhm.docker.ContainerView;

import java.time.Instant;

/** A container that has been unhealthy without a break since {@code since}. */
public record UnhealthySpell(ContainerView container, Instant since) {
}
