package io.dhm.dispatch;

import io.dhm.config.Glob;
import io.dhm.alert.Alert;

import java.time.Instant;

/**
 * A mute, as in Alertmanager: alerts about a container (name glob) or a compose project are recorded but not sent
 * until {@code until}. At least one of container and project is set; when both are, both must match.
 */
public record Silence(String id, String container, String project, Instant until, String reason, Instant createdAt) {

    public boolean active(Instant now) {
        return until.isAfter(now);
    }

    public boolean matches(Alert alert) {
        // with several engines (DOCKER_HOSTS) a silence may name the engine too: web2/api, web2/*
        // one stored before globs had a length limit mutes nothing, rather than failing every alert's dispatch
        boolean containerMatches = container == null
                || container.length() <= Glob.MAX_LENGTH && matchesEither(Glob.of(container), alert);
        boolean projectMatches = project == null || project.equals(alert.projectLabel());
        return containerMatches && projectMatches;
    }

    private static boolean matchesEither(Glob glob, Alert alert) {
        return glob.matches(alert.container()) || glob.matches(alert.qualifiedContainer());
    }
}
