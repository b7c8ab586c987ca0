package io.dhm.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signals beyond Docker's HEALTHCHECK, end to end with the packaged jar and the sandbox engine: HTTP, TCP and exec
 * custom checks on containers that have no healthcheck, restart loops hidden by a restart policy, and log patterns.
 * Each ends in an email like any health alert.
 */
class WatchesIT extends EmailedMonitor {

    static final Duration ALERT_WITHIN = Duration.ofSeconds(45);

    @BeforeAll
    static void start() throws Exception {
        startMonitor(Map.of(
                "WAIT_AND_CHECK_AGAIN_MIN", "0.05",
                "CHECK_INTERVAL_SEC", "1",
                "CHECK_FAILURES", "2",
                "RESTART_LOOP_COUNT", "2"));
    }

    /** Waits until the container's custom check has passed, then breaks it and expects a confirmed CRITICAL. */
    private static Mails.Mail breakAndAwaitCritical(String name, String id, String... breakIt) {
        monitor.awaitLogMatching(java.util.regex.Pattern.quote(name) + " \\[standalone\\]: custom check .* is now healthy",
                Duration.ofSeconds(30));
        engine.exec(id, breakIt);
        Mails.Mail alert = mails.await(name, "CRITICAL", ALERT_WITHIN);
        assertTrue(alert.body().contains("Status Change:   healthy → unhealthy"), alert.body());
        return alert;
    }

    @Test
    void httpCheckOfABusyboxHttpdOnAHostPortAlertsWhenThePageGoes() throws Exception {
        int port = MonitorProcess.freePort();
        String name = SandboxEngine.unique("check-http");
        String id = engine.start(name, Map.of("healthmonitor.check.http", "http://127.0.0.1:" + port + "/health.html",
                        "healthmonitor.check.body", "^ok"),
                "mkdir -p /www && echo ok > /www/health.html && exec httpd -f -p 127.0.0.1:" + port + " -h /www",
                false, true, null);

        Mails.Mail alert = breakAndAwaitCritical(name, id, "rm", "/www/health.html");
        assertTrue(alert.body().matches("(?s).*Last healthcheck: http http://127\\.0\\.0\\.1:" + port
                + "/health\\.html: HTTP 404 \\(expected 2xx\\) \\(\\d+ ms\\).*"), alert.body());
    }

    @Test
    void tcpCheckAlertsWhenNothingListensAnyMore() throws Exception {
        int port = MonitorProcess.freePort();
        String name = SandboxEngine.unique("check-tcp");
        // httpd in the background as the listener, so it can be killed while the container keeps running
        String id = engine.start(name, Map.of("healthmonitor.check.tcp", "127.0.0.1:" + port),
                "mkdir -p /www; httpd -f -p 127.0.0.1:" + port + " -h /www & echo $! > /tmp/listener; while true; do sleep 1; done",
                false, true, null);

        Mails.Mail alert = breakAndAwaitCritical(name, id, "sh", "-c", "kill $(cat /tmp/listener)");
        assertTrue(alert.body().contains("Last healthcheck: tcp 127.0.0.1:" + port + ": 127.0.0.1:" + port + ": Connection refused"),
                alert.body());
    }

    @Test
    void execCheckRunsInsideTheContainerAndAlertsOnANonZeroExit() throws Exception {
        String name = SandboxEngine.unique("check-exec");
        // an exec on a busy engine can take seconds: the check's own timeout, not the default 5 s, may not end it
        String id = engine.start(name, Map.of("healthmonitor.check.exec", "test -f /tmp/ready || { echo not ready; exit 3; }",
                        "healthmonitor.check.timeout", "30"),
                "touch /tmp/ready; while true; do sleep 1; done", false, false, null);

        Mails.Mail alert = breakAndAwaitCritical(name, id, "rm", "/tmp/ready");
        assertTrue(alert.body().contains("Last healthcheck: exec test -f /tmp/ready || { echo not ready; exit 3; }: exit code 3: not ready"),
                alert.body());
    }

    @Test
    void restartLoopHiddenByTheRestartPolicyIsAlerted() throws Exception {
        String name = SandboxEngine.unique("loop");
        engine.start(name, Map.of(), "echo starting; sleep 1; exit 3", false, false, "always");

        Mails.Mail alert = mails.await(name, "CRITICAL", Duration.ofSeconds(60));
        assertTrue(alert.subject().matches(".* - Restarted by Docker \\d+ times in 10 min; last exit code 3"), alert.subject());
        assertTrue(alert.body().matches("(?s).*The engine's restart policy \\(always\\) restarted the container \\d+ times"
                + " within 600 s \\(RESTART_LOOP_COUNT=2\\)\\. The last run exited with code 3\\..*"), alert.body());
        assertTrue(alert.body().contains("starting"), "the alert carries the container's log");
    }

    @Test
    void logPatternPassingItsCountIsAlertedWithTheMatchingLines() throws Exception {
        String name = SandboxEngine.unique("econnreset");
        engine.start(name, Map.of("healthmonitor.log.pattern", "ECONNRESET", "healthmonitor.log.count", "3"),
                "sleep 2; i=0; while true; do echo \"request $i failed: read ECONNRESET\"; echo \"request $i ok\"; i=$((i+1)); sleep 0.5; done",
                false, false, null);

        Mails.Mail alert = mails.await(name, "ERROR", ALERT_WITHIN);
        assertTrue(alert.subject().endsWith("Log pattern"), alert.subject());
        assertTrue(alert.body().contains("Log pattern /ECONNRESET/ appeared more than 3 times within 600 s"), alert.body());
        assertTrue(alert.body().contains("failed: read ECONNRESET"), alert.body());
        assertTrue(!alert.body().contains(" ok\n"), "only matching lines are quoted: " + alert.body());
    }
}
