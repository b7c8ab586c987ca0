package io.dhm.signal;

import io.dhm.engine.Engine;
import io.dhm.heal.Healer;
import io.dhm.history.History;
import io.dhm.alert.AlertFactory;

import java.time.Clock;

/** What the watches share: the engine, auto-heal to ask for restarts, the alerts they raise and the history. */
public record SignalContext(Engine docker, Healer healer, AlertFactory alerts, History history, Clock clock,
                            int logLines) {
}
