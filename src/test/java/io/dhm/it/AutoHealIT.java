package io.dhm.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Auto-heal end to end: the packaged jar against the sandbox engine, restarting containers labelled autoheal=true
 * after AUTOHEAL_WAIT_SEC (2 s, shorter than the 15 s confirm wait), reporting every restart and quarantine by email.
 */
class AutoHealIT extends EmailedMonitor {

    static final Duration HEAL_WAIT = Duration.ofSeconds(2);

    @BeforeAll
    static void start() throws Exception {
        startMonitor(Map.of(
                "WAIT_AND_CHECK_AGAIN_MIN", "0.25",
                "AUTOHEAL_ENABLED", "true",
                "AUTOHEAL_WAIT_SEC", String.valueOf(HEAL_WAIT.toSeconds()),
                "AUTOHEAL_BACKOFF_INITIAL_SEC", "1",
                "AUTOHEAL_STOP_TIMEOUT", "1",
                "AUTOHEAL_MAX_RESTARTS", "3"));
    }

    private static List<Mails.Mail> restartMails(String container) {
        return mails.about(container).stream().filter(mail -> mail.subject().endsWith("Restarted by auto-heal")).toList();
    }

    @Test
    void unhealthyContainerIsRestartedOnceAfterTheWaitAndNotAlertedOnceHealthy() throws Exception {
        String name = SandboxEngine.unique("heal-web");
        String id = engine.startMonitored(name, Map.of("autoheal", "true"));
        String firstRun = engine.startedAt(id);
        monitor.awaitLog(name + " [standalone]", Duration.ofSeconds(20));
        Instant broke = Instant.now();
        engine.makeUnhealthy(id);

        Mails.Mail restart = mails.await(name, "INFO", Duration.ofSeconds(30));
        assertTrue(restart.subject().endsWith("Restarted by auto-heal"), restart.subject());
        assertTrue(Duration.between(broke, Instant.now()).compareTo(HEAL_WAIT) >= 0, "restarted before the wait");
        assertTrue(restart.body().contains("Status Change:   unhealthy → restarted"), restart.body());
        assertTrue(restart.body().contains("Restart 1 of at most 3"), restart.body());
        assertTrue(restart.body().contains("log line"), "the alert carries the logs from before the restart");
        engine.awaitHealth(id, "healthy"); // the restart recreated /tmp/ok
        String secondRun = engine.startedAt(id);
        assertFalse(firstRun.equals(secondRun), "the container was restarted");

        // past the 15 s confirm wait: healed in time, so no CRITICAL, and still exactly one restart
        await().pollDelay(Duration.ofSeconds(16)).atMost(Duration.ofSeconds(20)).until(() -> true);
        assertEquals(1, restartMails(name).size(), mails.about(name).toString());
        assertEquals(secondRun, engine.startedAt(id), "restarted more than once");
        assertTrue(mails.about(name).stream().noneMatch(mail -> mail.subject().startsWith("CRITICAL")), mails.about(name).toString());
    }

    @Test
    void containerThatStaysBrokenIsQuarantinedAfterItsRestartsWithACriticalAlert() throws Exception {
        String name = SandboxEngine.unique("heal-flap");
        // never creates /tmp/ok: unhealthy after every start
        String id = engine.start(name, Map.of("autoheal", "true", "autoheal.max.restarts", "2"),
                "trap 'exit 0' TERM; while true; do sleep 1; done", true, false, null);

        Mails.Mail quarantine = mails.await(name, "CRITICAL", Duration.ofSeconds(60));
        assertTrue(quarantine.subject().endsWith("Quarantined by auto-heal"), quarantine.subject());
        assertTrue(quarantine.body().contains("2 restarts within 3600 s did not fix it (limit 2: AUTOHEAL_MAX_RESTARTS or the autoheal.max.restarts label)"), quarantine.body());
        assertEquals(2, restartMails(name).size(), mails.about(name).toString());
        String lastRun = engine.startedAt(id);

        await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertEquals(lastRun, engine.startedAt(id), "restarted while quarantined");
        assertEquals(2, restartMails(name).size(), mails.about(name).toString());
    }

    @Test
    void exitModeRestartsACrashButNeverAContainerStoppedOnPurpose() throws Exception {
        String crashing = SandboxEngine.unique("heal-crash");
        String stopped = SandboxEngine.unique("heal-stopped");
        Map<String, String> exitMode = Map.of("autoheal", "true", "autoheal.mode", "exit");
        String stoppedId = engine.start(stopped, exitMode, "sleep 1000", false, false, null);
        engine.start(crashing, exitMode, "sleep 2; exit 1", false, false, null);
        engine.stop(stoppedId, 1); // exits 137, like a crash by its code, but the engine saw it asked to stop

        Mails.Mail restart = mails.await(crashing, "INFO", Duration.ofSeconds(30));
        assertTrue(restart.subject().endsWith("Restarted by auto-heal"), restart.subject());
        assertTrue(restart.body().contains("it exited with code 1"), restart.body());
        assertTrue(restart.body().contains("Status Change:   exited → restarted"), restart.body());

        await().pollDelay(HEAL_WAIT.plusSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertFalse(engine.running(stoppedId), "a stopped container was started again");
        assertTrue(mails.about(stopped).isEmpty(), mails.about(stopped).toString());
    }

    @Test
    void containerWithoutTheLabelIsLeftAlone() throws Exception {
        String name = SandboxEngine.unique("heal-unlabelled");
        String id = engine.startMonitored(name);
        String run = engine.startedAt(id);
        monitor.awaitLog(name + " [standalone]", Duration.ofSeconds(20));
        engine.makeUnhealthy(id);
        monitor.awaitLog(name + " [standalone]: healthy → unhealthy", Duration.ofSeconds(20));

        await().pollDelay(HEAL_WAIT.plusSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertEquals(run, engine.startedAt(id), "restarted without autoheal=true");
        assertTrue(restartMails(name).isEmpty());
    }
}
