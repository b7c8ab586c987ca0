package io.dhm.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One monitor watching two real engines (DOCKER_HOSTS): "alpha", the sandbox engine on its unix socket, and "bravo",
 * the TLS sandbox engine (scripts/sandbox-engine-tls.sh) over verified TLS on 127.0.0.1, its client certificates in
 * DOCKER_CERTS_DIR/bravo. Containers with the same name on both give one alert each, naming its engine and routed by
 * it; a frozen bravo (SIGSTOP: it neither answers nor stops its containers) gives one "Engine unreachable" alert while
 * alpha keeps being watched, and a recovery notice once it thaws; its container is never reported as gone.
 */
class MultiEngineIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final SandboxEngine ALPHA = new SandboxEngine();
    static final SandboxEngine BRAVO = new SandboxEngine("DHM_TLS_ENGINE_SOCKET", "scripts/sandbox-engine-tls.sh");

    @AfterAll
    static void cleanUp() throws Exception {
        signalBravo("CONT"); // whatever happened, the engine is not left frozen
        ALPHA.removeTestContainers();
        BRAVO.removeTestContainers();
    }

    private static String need(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: start the engine with scripts/sandbox-engine-tls.sh"
                    + " and export what its env command prints (scripts/test.sh does both)");
        }
        return value;
    }

    /** The settings of a monitor on both engines, bravo's TLS folder copied from {@code clientCerts}. */
    private static Map<String, String> settings(Path workDir, String clientCerts) throws IOException {
        Path certs = workDir.resolve("certs");
        Path bravo = Files.createDirectories(certs.resolve("bravo"));
        for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
            Files.copy(Path.of(clientCerts, file), bravo.resolve(file));
        }
        Map<String, String> settings = new HashMap<>(Map.of(
                "DOCKER_HOSTS", "alpha=" + ALPHA.dockerHost + ",bravo=" + need("DHM_TLS_ENGINE_HOST"),
                "DOCKER_CERTS_DIR", certs.toString(),
                "SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(SMTP.getSmtp().getPort()),
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com",
                "CONTAINER_ALERT_ROUTING", "alpha/:ops-alpha@example.com;bravo/:ops-bravo@example.com",
                "HEALTH_CHECK_INTERVAL_SEC", "1", "WAIT_AND_CHECK_AGAIN_MIN", "0.05",
                "ENGINE_UNREACHABLE_SEC", "5"));
        settings.put("ALERT_GROUP_WAIT_SEC", "0");
        return settings;
    }

    @Test
    void alertsNameTheirEngineAndAFrozenEngineIsOneAlertWhileTheOtherIsStillWatched(@TempDir Path workDir)
            throws Exception {
        Mails mails = new Mails(SMTP);
        String name = SandboxEngine.unique("twin");
        String onAlpha = ALPHA.startMonitored(name, Map.of("autoheal", "true"));
        String onBravo = BRAVO.startMonitored(name, Map.of("autoheal", "true"));
        String bravoRun = BRAVO.startedAt(onBravo);
        Map<String, String> settings = settings(workDir, need("DHM_TLS_ENGINE_CERTS"));
        // auto-heal restarts each twin through its own engine
        settings.putAll(Map.of("AUTOHEAL_ENABLED", "true", "AUTOHEAL_WAIT_SEC", "5", "AUTOHEAL_STOP_TIMEOUT", "1"));
        try (MonitorProcess monitor = MonitorProcess.started(workDir, settings)) {
            ApiClient api = new ApiClient(monitor.httpPort(), null);
            JsonNode engines = api.get("/api/status").json().path("engines");
            assertEquals("alpha", engines.path(0).path("name").asText(), engines.toString());
            assertEquals("bravo", engines.path(1).path("name").asText(), engines.toString());
            ALPHA.awaitHealth(onAlpha, "healthy");
            BRAVO.awaitHealth(onBravo, "healthy");

            ALPHA.makeUnhealthy(onAlpha);
            BRAVO.makeUnhealthy(onBravo);

            Mails.Mail alpha = mails.await("alpha/" + name, "CRITICAL", Duration.ofSeconds(60));
            Mails.Mail bravo = mails.await("bravo/" + name, "CRITICAL", Duration.ofSeconds(60));
            assertEquals("ops-alpha@example.com", alpha.to(), "routed by its engine");
            assertEquals("ops-bravo@example.com", bravo.to(), "routed by its engine");
            assertTrue(alpha.body().contains("Engine:          alpha"), alpha.body());
            assertTrue(bravo.body().contains("Engine:          bravo"), bravo.body());
            assertTrue(bravo.body().contains("Container id:   " + onBravo.substring(0, 12)), bravo.body());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mails.about("bravo/" + name)
                    .stream().anyMatch(m -> m.subject().endsWith("Restarted by auto-heal")));
            assertTrue(!bravoRun.equals(BRAVO.startedAt(onBravo)), "restarted on bravo, through bravo's connection");
            BRAVO.awaitHealth(onBravo, "healthy");
            ALPHA.awaitHealth(onAlpha, "healthy");
            JsonNode containers = api.get("/api/containers").json();
            assertEquals(2, containers.findValues("name").stream().filter(n -> n.asText().equals(name)).count(),
                    containers.toString());

            // bravo freezes: it neither answers nor stops its containers, as a hung or cut-off engine
            signalBravo("STOP");
            long frozenAt = System.nanoTime();
            String second = SandboxEngine.unique("alpha-only");
            String alphaOnly = ALPHA.startMonitored(second);
            ALPHA.awaitHealth(alphaOnly, "healthy");
            ALPHA.makeUnhealthy(alphaOnly);
            mails.await("alpha/" + second, "CRITICAL", Duration.ofSeconds(60));
            double alphaAlertAfter = (System.nanoTime() - frozenAt) / 1e9;

            Mails.Mail unreachable = mails.await("bravo/dockerd", "CRITICAL", Duration.ofSeconds(120));
            double unreachableAfter = (System.nanoTime() - frozenAt) / 1e9;
            assertTrue(unreachable.subject().contains("Engine unreachable"), unreachable.subject());
            assertEquals("ops-bravo@example.com", unreachable.to());
            assertTrue(unreachable.body().contains(need("DHM_TLS_ENGINE_HOST")), unreachable.body());
            System.out.printf("MultiEngineIT: with bravo frozen, alpha's alert came %.1f s later; bravo's 'Engine"
                    + " unreachable' %.1f s after the freeze (ENGINE_UNREACHABLE_SEC=5, a call waits 30 s)%n",
                    alphaAlertAfter, unreachableAfter);
            JsonNode status = api.get("/api/status").json();
            assertTrue(status.path("engines").path(0).path("reachable").asBoolean(), status.toString());
            assertTrue(!status.path("engines").path(1).path("reachable").asBoolean(), status.toString());

            signalBravo("CONT");
            mails.await("bravo/dockerd", "INFO", Duration.ofSeconds(90));
            monitor.awaitLog("Docker engine bravo at " + need("DHM_TLS_ENGINE_HOST") + " is reachable again",
                    Duration.ofSeconds(30));
            // the polls of bravo after it thawed: its container was there all along
            org.awaitility.Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertEquals(1, mails.about("bravo/dockerd").stream().filter(m -> m.subject().startsWith("CRITICAL")).count(),
                        "one 'Engine unreachable' per outage: " + mails.about("bravo/dockerd"));
                assertTrue(mails.about("bravo/" + name).stream().noneMatch(m -> m.subject().startsWith("ERROR")),
                        "bravo's container was never reported as gone: " + mails.about("bravo/" + name));
                assertEquals(1, mails.about("bravo/" + name).stream().filter(m -> m.subject().startsWith("CRITICAL")).count());
            });
            assertTrue(monitor.alive());
        } finally {
            signalBravo("CONT");
        }
    }

    @Test
    void aTlsFolderTheEngineRefusesOrTwoEnginesOfOneNameStopStartUpNamingTheSetting(@TempDir Path workDir)
            throws Exception {
        Path wrong = Files.createDirectories(workDir.resolve("wrong"));
        try (MonitorProcess monitor = MonitorProcess.start(wrong, settings(wrong, need("DHM_TLS_ENGINE_WRONG_CERTS")))) {
            assertEquals(2, monitor.awaitExit(Duration.ofSeconds(60)), monitor.tail());
            assertTrue(monitor.output().contains("docker-health-monitor: invalid configuration: DOCKER_CERTS_DIR: the"
                    + " engine bravo at " + need("DHM_TLS_ENGINE_HOST") + " refuses the TLS folder "), monitor.output());
        }
        Path twice = Files.createDirectories(workDir.resolve("twice"));
        Map<String, String> settings = settings(twice, need("DHM_TLS_ENGINE_CERTS"));
        settings.put("DOCKER_HOSTS", "alpha=" + ALPHA.dockerHost + ",alpha=" + need("DHM_TLS_ENGINE_HOST"));
        try (MonitorProcess monitor = MonitorProcess.start(twice, settings)) {
            assertEquals(2, monitor.awaitExit(Duration.ofSeconds(60)), monitor.tail());
            assertTrue(monitor.output().contains("DOCKER_HOSTS: names the engine 'alpha' twice"), monitor.output());
        }
    }

    @Test
    void movingFromOneEngineToNamedEnginesForgetsTheOldEpisodeAndSeesTheContainerAfresh(@TempDir Path workDir)
            throws Exception {
        ALPHA.removeTestContainers(); // the other tests' failing containers would be alerted (and grouped) too
        Mails mails = new Mails(SMTP);
        String name = SandboxEngine.unique("moved");
        String id = ALPHA.startMonitored(name);
        ALPHA.awaitHealth(id, "healthy");
        Map<String, String> single = new HashMap<>(settings(workDir, need("DHM_TLS_ENGINE_CERTS")));
        single.remove("DOCKER_HOSTS");
        single.remove("DOCKER_CERTS_DIR");
        single.put("DOCKER_HOST", ALPHA.dockerHost);
        try (MonitorProcess monitor = MonitorProcess.started(workDir, single)) {
            ALPHA.makeUnhealthy(id);
            mails.await(name, "CRITICAL", Duration.ofSeconds(60));
            assertEquals(0, monitor.terminate(Duration.ofSeconds(20)));
        }
        Map<String, String> named = new HashMap<>(single);
        named.remove("DOCKER_HOST");
        named.put("DOCKER_HOSTS", "alpha=" + ALPHA.dockerHost);
        try (MonitorProcess monitor = MonitorProcess.started(workDir, named)) {
            monitor.awaitLog("Forgetting the unhealthy episode of " + name, Duration.ofSeconds(30));
            // alone or grouped with another container's alert (the other tests' containers may be failing too)
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mails.all().stream()
                    .anyMatch(mail -> mail.subject().startsWith("CRITICAL")
                            && (mail.subject() + mail.body()).contains("alpha/" + name)
                            && mail.body().contains("Engine:          alpha")));
            assertTrue(!monitor.output().contains("DEAD LETTER") && !monitor.output().contains("no engine named"),
                    "nothing of the old identity is still worked on: " + monitor.output());
        }
    }

    /** kill -SIG the TLS engine's dockerd (STOP freezes it, CONT thaws it). */
    private static void signalBravo(String signal) throws Exception {
        Path pidFile = Path.of(System.getenv().getOrDefault("DHM_TLS_ENGINE_DIR", "/tmp/dhm-engine-tls"), "docker.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String pid = Files.readString(pidFile).strip();
        Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
    }
}
