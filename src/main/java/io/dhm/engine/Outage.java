package io.dhm.engine;

import java.time.Instant;

/** An engine that does not answer: since its first failed call, and what the last one said. */
public record Outage(Instant since, String cause) {
}
