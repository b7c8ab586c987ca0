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
    static final Duration CONFIRM_WAIT = Duration.ofSeconds(15);

    @BeforeAll
    static void start() throws Exception {
        startMonitor(Map.of(
                "WAIT_AND_CHECK_AGAIN_MIN", String.valueOf(CONFIRM_WAIT.toSeconds() / 60.0),
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

        // until past the 15 s confirm wait that began when it broke: healed in time, so no CRITICAL, and still
        // exactly one restart
        Duration untilPastTheWait = Duration.between(Instant.now(), broke.plus(CONFIRM_WAIT).plusSeconds(3));
        await().during(untilPastTheWait).atMost(untilPastTheWait.plusSeconds(5)).until(() -> restartMails(name).size() == 1
                && secondRun.equals(engine.startedAt(id))
                && mails.about(name).stream().noneMatch(mail -> mail.subject().startsWith("CRITICAL")));
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

        // several heal waits and back-offs long: a container not quarantined would have been restarted again
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12))
                .until(() -> lastRun.equals(engine.startedAt(id)) && restartMails(name).size() == 2);
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

        // the heal wait and a few polls: a crashed container would have been restarted by now
        await().during(HEAL_WAIT.plusSeconds(4)).atMost(HEAL_WAIT.plusSeconds(8))
                .until(() -> !engine.running(stoppedId) && mails.about(stopped).isEmpty());
    }

    @Test
    void containerWithoutTheLabelIsLeftAlone() throws Exception {
        String name = SandboxEngine.unique("heal-unlabelled");
        String id = engine.startMonitored(name);
        String run = engine.startedAt(id);
        monitor.awaitLog(name + " [standalone]", Duration.ofSeconds(20));
        engine.makeUnhealthy(id);
        monitor.awaitLog(name + " [standalone]: healthy → unhealthy", Duration.ofSeconds(20));

        // the heal wait and a few polls: a labelled container would have been restarted by now
        await().during(HEAL_WAIT.plusSeconds(4)).atMost(HEAL_WAIT.plusSeconds(8))
                .until(() -> run.equals(engine.startedAt(id)) && restartMails(name).isEmpty());
    }
}
