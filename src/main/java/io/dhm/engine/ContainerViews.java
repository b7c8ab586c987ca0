package io.dhm.engine;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;

/** The monitor's view of what the engine's inspect says, whether docker-java or a docker: endpoint asked. */
public final class ContainerViews {

    private ContainerViews() {
    }

    public static ContainerView of(InspectContainerResponse c) {
        InspectContainerResponse.ContainerState state = c.getState();
        HealthState health = state == null ? null : state.getHealth();
        return ContainerView.of(c.getId(), c.getName(), c.getConfig() == null ? null : c.getConfig().getImage(),
                c.getConfig() == null ? null : c.getConfig().getLabels(),
                state != null && Boolean.TRUE.equals(state.getRunning()),
                Health.fromInspect(health == null ? null : health.getStatus()),
                lastHealthOutput(health));
    }

    private static String lastHealthOutput(HealthState health) {
        if (health == null || health.getLog() == null || health.getLog().isEmpty()) {
            return "";
        }
        HealthStateLog last = health.getLog().get(health.getLog().size() - 1);
        String output = last.getOutput() == null ? "" : last.getOutput().strip();
        return "exit code " + last.getExitCodeLong() + (output.isEmpty() ? "" : ": " + output);
    }
}
