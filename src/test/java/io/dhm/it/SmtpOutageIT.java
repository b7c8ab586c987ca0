package io.dhm.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SMTP server is down when an alert is due and comes up later: the alert is retried and delivered once. */
class SmtpOutageIT {

    static final SandboxEngine ENGINE = new SandboxEngine();

    @AfterAll
    static void cleanUp() {
        ENGINE.removeTestContainers();
    }

    @Test
    void alertIsRetriedUntilTheSmtpServerAnswersThenDeliveredOnce(@TempDir Path workDir) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (MonitorProcess monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", ENGINE.dockerHost,
                "SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(port),
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com",
                "HEALTH_CHECK_INTERVAL_SEC", "1", "WAIT_AND_CHECK_AGAIN_MIN", "0.05"))) {
            String name = SandboxEngine.unique("mail-outage");
            String id = ENGINE.startMonitored(name);
            ENGINE.makeUnhealthy(id);
            monitor.awaitLog("ALERT CRITICAL " + name, Duration.ofSeconds(40));
            monitor.awaitLog("On delivery attempt: 1", Duration.ofSeconds(30)); // Camel's retry line: the server is down

            smtp.start(); // the SMTP server comes up
            try {
                Mails.Mail alert = new Mails(smtp).await(name, "CRITICAL", Duration.ofSeconds(60));
                assertTrue(alert.body().contains("healthy → unhealthy"), alert.body());
                monitor.awaitLog("Sent 'CRITICAL: [standalone] " + name, Duration.ofSeconds(5));
                Thread.sleep(3000);
                assertEquals(1, new Mails(smtp).about(name).size(), "delivered once");
                assertTrue(monitor.alive());
            } finally {
                smtp.stop();
            }
        }
    }
}
