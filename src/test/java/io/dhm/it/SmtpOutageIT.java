package io.dhm.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SMTP server is down when an alert is due: the alert waits in the outbox, across a SIGKILL too, and is sent once. */
class SmtpOutageIT {

    static final SandboxEngine ENGINE = new SandboxEngine();

    int port;
    GreenMail smtp;

    @BeforeEach
    void freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    @AfterAll
    static void cleanUp() {
        ENGINE.removeTestContainers();
    }

    private Map<String, String> environment() {
        return Map.of("DOCKER_HOST", ENGINE.dockerHost, "SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(port),
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com",
                "HEALTH_CHECK_INTERVAL_SEC", "1", "WAIT_AND_CHECK_AGAIN_MIN", "0.05");
    }

    /** The sender's next few goes send it no more. */
    private void assertDeliveredOnce(String name) {
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(1, new Mails(smtp).about(name).size(), "delivered once"));
    }

    @Test
    void alertIsRetriedUntilTheSmtpServerAnswersThenDeliveredOnce(@TempDir Path workDir) throws Exception {
        try (MonitorProcess monitor = MonitorProcess.started(workDir, environment())) {
            String name = SandboxEngine.unique("mail-outage");
            ENGINE.makeUnhealthy(ENGINE.startMonitored(name));
            monitor.awaitLog("ALERT CRITICAL " + name, Duration.ofSeconds(40));
            monitor.awaitLog("via smtp to ops@example.com (try 1)", Duration.ofSeconds(30)); // the server is down

            smtp.start();
            try {
                Mails.Mail alert = new Mails(smtp).await(name, "CRITICAL", Duration.ofSeconds(60));
                assertTrue(alert.body().contains("healthy → unhealthy"), alert.body());
                assertDeliveredOnce(name);
                assertTrue(monitor.alive());
            } finally {
                smtp.stop();
            }
        }
    }

    @Test
    void anAlertStillUndeliveredWhenTheMonitorIsKilledIsDeliveredAfterTheRestart(@TempDir Path workDir) throws Exception {
        String name = SandboxEngine.unique("killed-mid-delivery");
        String id = ENGINE.startMonitored(name);
        try (MonitorProcess first = MonitorProcess.started(workDir, environment())) {
            ENGINE.makeUnhealthy(id);
            first.awaitLog("via smtp to ops@example.com (try 1)", Duration.ofSeconds(40));
        } // SIGKILL with the alert in the outbox
        ENGINE.remove(id); // only the stored alert can reach the mailbox now

        smtp.start();
        try (MonitorProcess second = MonitorProcess.started(workDir, environment())) {
            second.awaitLog("alert deliveries are pending from before the restart", Duration.ofSeconds(5));
            Mails.Mail alert = new Mails(smtp).await(name, "CRITICAL", Duration.ofSeconds(60));
            assertEquals("ops@example.com", alert.to());
            assertDeliveredOnce(name);
        } finally {
            smtp.stop();
        }
    }
}
