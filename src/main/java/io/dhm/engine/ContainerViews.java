package io.dhm.engine;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

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
                lastHealthOutput(health), state == null ? null : state.getStatus());
    }

    /** The engine's record of the container's state: exits, OOM kills, restarts and the last health checks. */
    public static ContainerState state(InspectContainerResponse c) {
        InspectContainerResponse.ContainerState state = c.getState();
        HealthState health = state == null ? null : state.getHealth();
        List<ContainerState.Probe> probes = health == null || health.getLog() == null ? List.of()
                : health.getLog().stream().map(ContainerViews::probe).toList();
        return new ContainerState(state == null ? "unknown" : state.getStatus(),
                state != null && Boolean.TRUE.equals(state.getRunning()),
                state == null || state.getExitCodeLong() == null ? 0 : state.getExitCodeLong(),
                state != null && Boolean.TRUE.equals(state.getOOMKilled()),
                state == null || state.getError() == null ? "" : state.getError(),
                time(state == null ? null : state.getStartedAt()), time(state == null ? null : state.getFinishedAt()),
                c.getRestartCount() == null ? 0 : c.getRestartCount(),
                health == null || health.getFailingStreak() == null ? 0 : health.getFailingStreak(), probes,
                c.getHostConfig() == null ? "" : c.getHostConfig().getNetworkMode(),
                state != null && Boolean.TRUE.equals(state.getRestarting()),
                c.getHostConfig() == null || c.getHostConfig().getRestartPolicy() == null
                        || c.getHostConfig().getRestartPolicy().getName() == null
                        ? "" : c.getHostConfig().getRestartPolicy().getName(),
                c.getHostConfig() == null || c.getHostConfig().getMemory() == null ? 0 : c.getHostConfig().getMemory());
    }

    private static ContainerState.Probe probe(HealthStateLog log) {
        return new ContainerState.Probe(time(log.getStart()), time(log.getEnd()),
                log.getExitCodeLong() == null ? -1 : log.getExitCodeLong(),
                log.getOutput() == null ? "" : log.getOutput().strip());
    }

    /** An engine timestamp (RFC 3339 with nanoseconds); null for the engine's "never" (year 1) or none. */
    static Instant time(String engineTime) {
        if (engineTime == null || engineTime.isBlank() || engineTime.startsWith("0001-")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(engineTime).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
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
