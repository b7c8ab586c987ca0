package io.dhm.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --test-alert} through the packaged jar: SMTP (GreenMail) and SES (the aws-ses-v2-local emulator) deliver,
 * a webhook nobody listens on does not, and the exit code and the per-channel report say so.
 */
class CheckChannelsCommandIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static int sesPort;
    static long emulatorPid;

    @BeforeAll
    static void startSesEmulator() throws Exception {
        sesPort = freePort();
        Process script = new ProcessBuilder("bash", "scripts/ses-emulator.sh", String.valueOf(sesPort))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String pid = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(script.waitFor(5, TimeUnit.MINUTES), "scripts/ses-emulator.sh did not finish");
        assertEquals(0, script.exitValue(), "scripts/ses-emulator.sh failed");
        emulatorPid = Long.parseLong(pid);
    }

    @AfterAll
    static void stopSesEmulator() {
        ProcessHandle.of(emulatorPid).ifPresent(ProcessHandle::destroy);
    }

    static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    @Test
    void testAlertReportsEveryChannelAndExitsNonZeroWhenOneFails(@TempDir Path workDir) throws Exception {
        int deadPort = freePort();
        try (MonitorProcess monitor = MonitorProcess.start(workDir, Map.ofEntries(
                Map.entry("DOCKER_HOST", new SandboxEngine().dockerHost),
                Map.entry("EMAIL_TRANSPORT", "both"),
                Map.entry("SMTP_HOST", "127.0.0.1"), Map.entry("SMTP_PORT", String.valueOf(SMTP.getSmtp().getPort())),
                Map.entry("SENDER_EMAIL", "monitor@example.com"),
                Map.entry("AWS_REGION", "us-east-1"), Map.entry("AWS_ACCESS_KEY_ID", "test"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "test"),
                Map.entry("AWS_ENDPOINT_URL_SES", "http://127.0.0.1:" + sesPort),
                Map.entry("HEALTH_CHECK_ALERT_EMAILS", "ops@example.com"),
                Map.entry("WEBHOOK_URLS", "http://127.0.0.1:" + deadPort + "/hook"),
                Map.entry("WEBHOOK_TIMEOUT_SEC", "2")), "--test-alert")) {

            assertEquals(1, monitor.awaitExit(Duration.ofSeconds(90)), monitor::tail);
            String report = monitor.output();
            assertTrue(report.matches("(?s).*smtp\\s+ops@example.com\\s+DELIVERED.*"), report);
            assertTrue(report.matches("(?s).*ses\\s+ops@example.com\\s+DELIVERED.*"), report);
            assertTrue(report.matches("(?s).*webhook\\s+http://127.0.0.1:" + deadPort + "/hook\\s+RETRY.*"), report);

            Mails.Mail mail = new Mails(SMTP).await("docker-health-monitor-test", "INFO", Duration.ofSeconds(5));
            assertTrue(mail.body().contains("This is a test alert"), mail.body());
            String store = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + sesPort + "/store")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(store.contains("docker-health-monitor-test - Health Status Changed"), store);
        }
    }
}
