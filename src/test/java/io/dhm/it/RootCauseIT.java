package io.dhm.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compose-aware root cause end to end: a Compose-style set on the sandbox engine (containers labelled as Compose
 * labels them: project, service, depends_on) where api and worker depend on db and are healthy only while db is. db
 * failing gives one CRITICAL alert that names all three, and auto-heal (every container labelled autoheal=true,
 * restarting after 10 s, after the 6 s confirm wait) restarts db only.
 */
class RootCauseIT extends EmailedMonitor {

    @BeforeAll
    static void start() throws Exception {
        startMonitor(Map.of(
                "WAIT_AND_CHECK_AGAIN_MIN", "0.1",
                "ALERT_GROUP_WAIT_SEC", "0",
                "AUTOHEAL_ENABLED", "true",
                "AUTOHEAL_WAIT_SEC", "10",
                "AUTOHEAL_STOP_TIMEOUT", "1",
                "AUTOHEAL_BACKOFF_INITIAL_SEC", "1"));
    }

    private static Map<String, String> service(String project, String service, String dependsOn) {
        Map<String, String> labels = new java.util.HashMap<>(Map.of("com.docker.compose.project", project,
                "com.docker.compose.service", service, "com.docker.compose.container-number", "1", "autoheal", "true"));
        if (dependsOn != null) {
            labels.put("com.docker.compose.depends_on", dependsOn);
        }
        return labels;
    }

    private static List<Mails.Mail> problems(String... containers) {
        return List.of(containers).stream().flatMap(name -> mails.about(name).stream())
                .filter(mail -> !mail.subject().startsWith("INFO:")).toList();
    }

    @Test
    void aFailingDatabaseIsOneAlertNamingItsDependentsAndOnlyItIsRestarted() throws Exception {
        String project = SandboxEngine.unique("shop").replace("-", "");
        Path shared = Files.createDirectories(workDir.resolve(project));
        String db = project + "-db-1";
        String api = project + "-api-1";
        String worker = project + "-worker-1";
        String dbId = engine.startSharing(db, service(project, "db", null), shared, true);
        String apiId = engine.startSharing(api, service(project, "api", "db:service_healthy:false"), shared, false);
        String workerId = engine.startSharing(worker, service(project, "worker", "db:service_healthy:false"), shared, false);
        for (String id : List.of(dbId, apiId, workerId)) {
            engine.awaitHealth(id, "healthy");
        }
        monitor.awaitLog(worker + " [" + project + "]", Duration.ofSeconds(20));
        String apiRun = engine.startedAt(apiId);
        String workerRun = engine.startedAt(workerId);
        String dbRun = engine.startedAt(dbId);

        Files.delete(shared.resolve("db-ok")); // db fails, and so do api and worker, which need it

        Mails.Mail critical = mails.await(db, "CRITICAL", Duration.ofSeconds(60));
        assertTrue(critical.body().contains(db + " is unhealthy; " + api + " and " + worker
                + " depend on it and are failing too (their alerts are folded into this one)."), critical.body());
        Mails.Mail restart = mails.await(db, "INFO", Duration.ofSeconds(60));
        assertTrue(restart.subject().endsWith("Restarted by auto-heal"), restart.subject());
        for (String id : List.of(dbId, apiId, workerId)) {
            engine.awaitHealth(id, "healthy"); // db's restart recreated the file
        }
        // past a fresh confirm wait of api and worker, and past their own auto-heal wait counted from db's return
        await().during(Duration.ofSeconds(14)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(List.of(critical.subject()), problems(db, api, worker).stream().map(Mails.Mail::subject).toList(),
                    "exactly one problem alert for the three");
            assertEquals(List.of(), mails.about(api), "nothing about api on its own");
            assertEquals(List.of(), mails.about(worker), "nothing about worker on its own");
            assertTrue(!dbRun.equals(engine.startedAt(dbId)), "db was restarted");
            assertEquals(apiRun, engine.startedAt(apiId), "api was not restarted");
            assertEquals(workerRun, engine.startedAt(workerId), "worker was not restarted");
        });
        monitor.awaitLog(api + " [" + project + "] is failing too, and depends on " + db, Duration.ofSeconds(1));
    }
}
