package io.dhm.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One packaged monitor per test class against the sandbox engine, polling every second and emailing every alert
 * to ops@example.com on an in-process SMTP server. Test containers are removed before and after.
 */
abstract class EmailedMonitor {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @TempDir
    static Path workDir;

    static SandboxEngine engine;
    static MonitorProcess monitor;
    static Mails mails;

    /** Starts the monitor with these settings on top of the common ones, and waits until it watches. */
    static void startMonitor(Map<String, String> settings) throws Exception {
        engine = new SandboxEngine();
        engine.removeTestContainers();
        mails = new Mails(SMTP);
        Map<String, String> environment = new HashMap<>(Map.of(
                "DOCKER_HOST", engine.dockerHost,
                "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", String.valueOf(SMTP.getSmtp().getPort()),
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com",
                "HEALTH_CHECK_INTERVAL_SEC", "1"));
        environment.putAll(settings);
        monitor = MonitorProcess.started(workDir, environment);
    }

    @AfterAll
    static void stopMonitor() throws Exception {
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
        if (engine != null) {
            engine.removeTestContainers();
        }
    }
}
