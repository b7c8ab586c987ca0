package io.dhm.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine restarts under a running monitor: it must stay up, reconnect its event stream and keep alerting. */
class EngineRestartIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final SandboxEngine ENGINE = new SandboxEngine();

    @AfterAll
    static void cleanUp() {
        ENGINE.removeTestContainers();
    }

    @Test
    void monitorSurvivesAnEngineRestartAndAlertsAfterIt(@TempDir Path workDir) throws Exception {
        Mails mails = new Mails(SMTP);
        try (MonitorProcess monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", ENGINE.dockerHost,
                "SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(SMTP.getSmtp().getPort()),
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com",
                "HEALTH_CHECK_INTERVAL_SEC", "1", "WAIT_AND_CHECK_AGAIN_MIN", "0.05"))) {

            restartEngine();

            monitor.awaitLog("reconnecting in", Duration.ofSeconds(30));
            monitor.awaitLog("Docker engine at " + ENGINE.dockerHost + " is reachable again", Duration.ofSeconds(60));
            String name = SandboxEngine.unique("after-restart");
            String id = ENGINE.startMonitored(name);
            ENGINE.makeUnhealthy(id);

            Mails.Mail alert = mails.await(name, "CRITICAL", Duration.ofSeconds(60));
            assertTrue(alert.body().contains("healthy → unhealthy"), alert.body());
            assertTrue(monitor.alive());
            assertEquals(1, mails.about(name).size());
        }
    }

    private static void restartEngine() throws Exception {
        Process restart = new ProcessBuilder("bash", "scripts/sandbox-engine.sh", "restart").inheritIO().start();
        assertTrue(restart.waitFor(120, TimeUnit.SECONDS), "sandbox-engine.sh restart took over 120 s");
        assertEquals(0, restart.exitValue(), "sandbox-engine.sh restart failed");
    }
}
