package io.dhm.engine;

/** One inspect of a container: the monitor's view of it and what the engine keeps of its state. */
public record Inspected(ContainerView view, ContainerState state) {
}
