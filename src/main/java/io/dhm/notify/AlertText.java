package io.dhm.notify;

import java.time.format.DateTimeFormatter;

/** The seed's plain-text email: subject with severity, [project] and container; body with the sections operators know. */
public class AlertText {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    public String subject(Alert alert) {
        return alert.severity() + ": [" + alert.projectLabel() + "] " + alert.container() + " - Health Status Changed";
    }

    public String body(Alert alert) {
        return """
                Docker Container Health Alert
                ==============================

                Server:          %s
                Project:         %s
                Container:       %s
                Status Change:   %s → %s
                Severity:        %s
                Time:            %s

                Details:
                --------
                %s

                Action Required:
                ----------------
                %s
                Project Context:
                ----------------
                Container name: %s
                Container id:   %s
                Image:          %s
                Project name:   %s
                Status:         %s
                Alert id:       %s

                ---
                Automated alert from docker-health-monitor
                Server: %s
                Monitoring all containers with healthchecks
                """.formatted(alert.server(), alert.projectLabel(), alert.container(), alert.fromStatus(),
                alert.toStatus(), alert.severity(), TIME.format(alert.time()), alert.details(), actions(alert),
                alert.container(), shortId(alert.containerId()), alert.image(), alert.projectLabel(), alert.toStatus(),
                alert.id(), alert.server());
    }

    private static String actions(Alert alert) {
        String name = alert.container();
        String project = alert.projectLabel();
        return switch (alert.severity()) {
            case CRITICAL -> """
                    1. Check container logs:
                       docker logs %1$s

                    2. Inspect container and its last healthchecks:
                       docker inspect --format '{{json .State.Health}}' %1$s

                    3. Restart container:
                       docker restart %1$s

                       Or from the compose project directory:
                       cd /path/to/%2$s && docker compose restart

                    4. Check the application's health endpoint

                    5. Review recent code changes or deployments
                    """.formatted(name, project);
            case ERROR -> """
                    1. Check if container is running:
                       docker ps -a | grep %1$s

                    2. Navigate to project directory:
                       cd /path/to/%2$s

                    3. Check docker-compose status:
                       docker compose ps

                    4. Restart services:
                       docker compose up -d

                    5. Check docker-compose.yml configuration
                    """.formatted(name, project);
            case INFO -> """
                    Monitor the situation and check logs for more information:
                       docker logs --since 30m %1$s
                    """.formatted(name);
        };
    }

    private static String shortId(String id) {
        return id == null || id.length() < 12 ? String.valueOf(id) : id.substring(0, 12);
    }
}
