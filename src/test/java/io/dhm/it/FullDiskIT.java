package io.dhm.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * DATA_DIR on a small tmpfs that fills up: the monitor keeps running and says so (log, readiness), keeps the alert,
 * starts again on the full disk, and sends the alert once when space returns. Skipped where a tmpfs cannot be mounted
 * (not root, or a container without CAP_SYS_ADMIN).
 */
class FullDiskIT {

    static final SandboxEngine ENGINE = new SandboxEngine();

    @TempDir
    Path workDir;
    Path dataDir;
    GreenMail smtp;

    @BeforeEach
    void mountSmallDataDisk() throws Exception {
        dataDir = Files.createDirectory(workDir.resolve("data"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=32m,mode=0700", "tmpfs", dataDir.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assumeTrue(mount.waitFor() == 0, "a tmpfs cannot be mounted here, so a full disk cannot be made: " + said);
        smtp = new GreenMail(new ServerSetup(MonitorProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void unmount() throws Exception {
        if (smtp != null) {
            smtp.stop();
        }
        new ProcessBuilder("umount", "-l", dataDir.toString()).inheritIO().start().waitFor();
    }

    @AfterAll
    static void cleanUp() {
        ENGINE.removeTestContainers();
    }

    @Test
    void aFullDataDiskKeepsTheAlertAcrossARestartAndSendsItOnceSpaceReturns() throws Exception {
        Map<String, String> environment = Map.of("DOCKER_HOST", ENGINE.dockerHost, "DATA_DIR", dataDir.toString(),
                "SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com", "HEALTH_CHECK_INTERVAL_SEC", "1",
                "WAIT_AND_CHECK_AGAIN_MIN", "0.05");
        String name = SandboxEngine.unique("full-disk");
        String id = ENGINE.startMonitored(name);
        Path filler = dataDir.resolve("filler");
        String full = "Data folder " + dataDir + ": only ";

        try (MonitorProcess first = MonitorProcess.started(workDir, environment)) {
            fill(filler);
            first.awaitLog(full, Duration.ofSeconds(20));
            ApiClient api = new ApiClient(first.httpPort(), null);
            ApiClient.Reply ready = api.get("/observe/health/ready");
            assertEquals(503, ready.status(), ready.raw().body());
            // Camel's health JSON escapes the slashes of the path
            String said = ready.raw().body().replace("\\", "");
            assertTrue(said.contains("data folder " + dataDir + ": only "), said);

            ENGINE.makeUnhealthy(id);
            first.awaitLog(name, Duration.ofSeconds(30)); // the transition is seen; its wait cannot be stored
            assertTrue(first.alive(), "the full disk does not stop the monitor");
            // the wait is 3 s: well past it, still nothing, since an alert is stored before it is sent
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12))
                    .until(() -> new Mails(smtp).about(name).isEmpty());
        } // SIGKILL, the disk still full

        try (MonitorProcess second = MonitorProcess.started(workDir, environment)) {
            second.awaitLog(full, Duration.ofSeconds(20)); // it started on the full disk, and says why it waits
            assertTrue(second.alive());

            Files.delete(filler);
            second.awaitLog("Data folder " + dataDir + " can store again", Duration.ofSeconds(20));
            Mails.Mail alert = new Mails(smtp).await(name, "CRITICAL", Duration.ofSeconds(90));
            assertTrue(alert.body().contains("→ unhealthy"), alert.body()); // seen afresh by the restarted monitor
            ApiClient api = new ApiClient(second.httpPort(), null);
            await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/observe/health/ready").status() == 200);
            assertEquals(1, new Mails(smtp).about(name).size(), "sent once");
        }
    }

    @Test
    void aFirstStartOnAFullDiskWaitsForSpaceThenStarts() throws Exception {
        Path filler = dataDir.resolve("filler");
        fill(filler);
        Map<String, String> environment = Map.of("DOCKER_HOST", ENGINE.dockerHost, "DATA_DIR", dataDir.toString());
        try (MonitorProcess monitor = MonitorProcess.start(workDir, environment)) {
            monitor.awaitLog("Data folder " + dataDir + ": the database cannot be opened", Duration.ofSeconds(60));
            assertTrue(monitor.alive(), "it waits, rather than exiting");

            Files.delete(filler);
            monitor.awaitLog("Data folder " + dataDir + ": the database is open, starting", Duration.ofSeconds(20));
            monitor.awaitLog("Listening to container events", Duration.ofSeconds(60));
            ApiClient api = new ApiClient(monitor.httpPort(), null);
            await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/observe/health/ready").status() == 200);
        }
    }

    /** Writes until the file system refuses: ENOSPC. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
        }
    }
}
