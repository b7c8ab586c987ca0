package io.dhm.engine;

/** A running container and the engine's status line for it ("Up 3 hours (healthy)"). */
public record RunningContainer(ContainerView view, String statusText) {
}
