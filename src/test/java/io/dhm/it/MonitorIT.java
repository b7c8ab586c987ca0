package io.dhm.it;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two-phase monitor end to end: the packaged jar, configured by a classic .env, against the sandbox Docker
 * engine and a real SMTP server with login. The wait is 0.1 min (6 s) so every scenario runs in seconds.
 */
class MonitorIT {

    static final Duration WAIT = Duration.ofSeconds(6);
    static final Duration ALERT_WITHIN = Duration.ofSeconds(40);

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("monitor@example.com", "s3cret-pass"))
            .withPerMethodLifecycle(false);

    @TempDir
    static Path workDir;

    static SandboxEngine engine;
    static MonitorProcess monitor;
    static Mails mails;

    @BeforeAll
    static void startMonitor() throws Exception {
        engine = new SandboxEngine();
        engine.removeTestContainers();
        mails = new Mails(SMTP);
        Files.writeString(workDir.resolve(".env"), """
                # the classic .env of the multi-project monitor, unchanged in form
                SMTP_HOST=127.0.0.1
                SMTP_PORT=%d
                SMTP_USER=monitor@example.com
                SMTP_PASS=s3cret-pass
                HEALTH_CHECK_ALERT_EMAILS=ops@example.com,oncall@example.com
                SERVER_NAME=IT Server
                HEALTH_CHECK_INTERVAL_SEC=1
                WAIT_AND_CHECK_AGAIN_MIN=0.1
                HEALTH_CHECK_LOG_LINES=5
                CONTAINER_ALERT_ROUTING=shop:shop-team@example.com;billing-*:billing@example.com
                """.formatted(SMTP.getSmtp().getPort()));
        // the classic .env as it is; the stop notices' wait shortened beside it, so the tests need not wait 30 s
        monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", engine.dockerHost, "STOP_NOTICE_WAIT_SEC", "3"));
    }

    @AfterAll
    static void stopMonitor() throws Exception {
        if (monitor != null) {
            monitor.close();
        }
        engine.removeTestContainers();
    }

    @Test
    void theDataFolderAndTheLogAreTheMonitorsUserAlone() throws Exception {
        // alert bodies, container logs, webhook keys and the ack-link key: no other user of the host reads them
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(workDir.resolve("data"))));
        try (var files = Files.list(workDir.resolve("data"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            }
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                workDir.resolve("logs/monitor.log"))));
    }

    @Test
    void unhealthyContainerIsAlertedOnceAfterTheWaitWithItsLogsToItsProjectsRecipients() throws Exception {
        String name = SandboxEngine.unique("shop-web");
        String id = engine.startMonitored(name, Map.of("com.docker.compose.project", "shop",
                "com.docker.compose.service", name, "com.docker.compose.container-number", "1"));
        monitor.awaitLog(name + " [shop]", Duration.ofSeconds(20)); // seen by the monitor before it breaks
        Instant broke = Instant.now();
        engine.makeUnhealthy(id);

        Mails.Mail alert = mails.await(name, "CRITICAL", ALERT_WITHIN);

        Duration delay = Duration.between(broke, Instant.now());
        assertTrue(delay.compareTo(WAIT) >= 0, "alerted after " + delay + ", before the " + WAIT + " wait");
        assertEquals("CRITICAL: [shop] " + name + " - Health Status Changed", alert.subject());
        assertEquals("shop-team@example.com", alert.to());
        assertTrue(alert.body().contains("Server:          IT Server"), alert.body());
        assertTrue(alert.body().contains("Status Change:   healthy → unhealthy"), alert.body());
        assertTrue(alert.body().contains("Last healthcheck: exit code 1"), alert.body());
        assertTrue(alert.body().matches("(?s).*Recent logs:\\s+log line \\d+.*"), alert.body());
        assertEquals("<" + alert.alertId() + "@docker-health-monitor>", alert.messageId());

        // still unhealthy past another wait: no second alert
        await().during(WAIT.plusSeconds(3)).atMost(WAIT.plusSeconds(5)).until(() -> mails.about(name).size() == 1);
    }

    @Test
    void flapWithinTheWaitIsNotAlerted() throws Exception {
        String name = SandboxEngine.unique("flappy");
        String id = engine.startMonitored(name);
        engine.makeUnhealthy(id);
        monitor.awaitLog(name + " [standalone]: healthy → unhealthy (UNHEALTHY)", Duration.ofSeconds(20));
        engine.makeHealthy(id);

        monitor.awaitLog(name + " [standalone] is healthy again within the wait; no alert", Duration.ofSeconds(20));
        await().during(WAIT.plusSeconds(3)).atMost(WAIT.plusSeconds(5)).until(() -> mails.about(name).isEmpty());
    }

    @Test
    void recoveryAfterAnAlertIsAnnouncedWithHowLongItWasDown() {
        String name = SandboxEngine.unique("billing-api");
        String id = engine.startMonitored(name);
        engine.makeUnhealthy(id);
        mails.await(name, "CRITICAL", ALERT_WITHIN);

        engine.makeHealthy(id);
        Mails.Mail recovery = mails.await(name, "INFO", ALERT_WITHIN);

        assertEquals("INFO: [standalone] " + name + " - Health Status Changed", recovery.subject());
        assertEquals("billing@example.com", recovery.to());
        assertTrue(recovery.body().contains("Status Change:   unhealthy → healthy"), recovery.body());
        assertTrue(recovery.body().matches("(?s).*recovered to healthy status after being unhealthy for \\d+s.*"), recovery.body());
    }

    @Test
    void aContainerTheOperatorRemovesIsANoticeToTheDefaultRecipientsNotAProblem() {
        String name = SandboxEngine.unique("worker");
        String id = engine.startMonitored(name);
        monitor.awaitLog(name, ALERT_WITHIN); // seen: as long as an alert may take on a loaded machine
        engine.remove(id); // docker rm -f: the engine says it was asked to kill it

        Mails.Mail notice = mails.await(name, "INFO", ALERT_WITHIN);

        assertEquals("INFO: [standalone] " + name + " - Stopped by the operator", notice.subject());
        assertEquals("ops@example.com, oncall@example.com", notice.to());
        assertTrue(notice.body().contains("Status Change:   running → stopped"), notice.body());
        await().during(WAIT.plusSeconds(3)).atMost(WAIT.plusSeconds(5)).until(() -> mails.about(name).size() == 2);
    }

    @Test
    void redeployUnderTheSameNameIsNotAlerted() {
        String name = SandboxEngine.unique("redeployed");
        String first = engine.startMonitored(name);
        monitor.awaitLog(name, ALERT_WITHIN); // seen: as long as an alert may take on a loaded machine
        engine.remove(first);
        monitor.awaitLog(name + " [standalone]: healthy → stopped (STOPPED)", Duration.ofSeconds(20));
        engine.startMonitored(name);

        monitor.awaitLog(name + " stopped and came back within 3 s: no notice", Duration.ofSeconds(20));
        await().during(WAIT.plusSeconds(3)).atMost(WAIT.plusSeconds(5)).until(() -> mails.about(name).isEmpty());
    }
}
