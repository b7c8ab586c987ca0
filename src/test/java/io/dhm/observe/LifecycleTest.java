package io.dhm.observe;

import io.dhm.alert.Cause;
import io.dhm.engine.ContainerState;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lifecycle model driven by event sequences and inspects, synchronously: the engine's own order of events for each
 * command (docker stop: kill, die, stop; docker kill: kill, die; docker rm -f: kill, die, destroy; a crash: die; an OOM
 * kill: oom, die), events that arrive late, and an event stream that was away in the middle of an episode.
 */
class LifecycleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final Lifecycle lifecycle = new Lifecycle();
    private final ContainerView worker = ContainerView.fromEvent("c1", Map.of("name", "worker", "image", "busybox",
            "autoheal", "true"), false);

    private void event(String action, int second) {
        event(action, second, null);
    }

    private void event(String action, int second, Integer exitCode) {
        lifecycle.record(new Lifecycle.Event(action, "c1", T0.plusSeconds(second), exitCode,
                "kill".equals(action) ? "15" : null), worker);
    }

    /** The container as an inspect after it ended shows it. */
    private String endedInspect(long exitCode, boolean oom, boolean restarting, String policy, int finishedSecond) {
        ContainerView view = new ContainerView("c1", "worker", "busybox", null, null, null, false, Health.NONE, "",
                Map.of(), null, restarting ? "restarting" : "exited");
        return lifecycle.inspected(view, new ContainerState(restarting ? "restarting" : "exited", false, exitCode, oom, "",
                T0, T0.plusSeconds(finishedSecond), 0, 0, List.of(), "none", restarting, policy, 32L * 1024 * 1024));
    }

    private String runningInspect(Health health, String state, int startedSecond, int restartCount) {
        ContainerView view = new ContainerView("c1", "worker", "busybox", null, null, null, true, health, "",
                Map.of(), null, state);
        return lifecycle.inspected(view, new ContainerState(state, true, 0, false, "", T0.plusSeconds(startedSecond),
                null, restartCount, 0, List.of(), "none", false, "always", 0));
    }

    @Test
    void aDeathWithANonZeroCodeAndNoRequestBeforeItIsACrash() {
        event("start", 0);
        event("die", 5, 1);
        assertEquals(Status.EXITED, lifecycle.lastExit("c1").orElseThrow().status());
        assertEquals(1, lifecycle.crashes().size());
        Lifecycle.Exit crash = lifecycle.crashes().get(0);
        assertEquals(1, crash.exitCode());
        assertEquals(T0.plusSeconds(5), crash.at());
        assertEquals("worker", crash.container().name());
        assertEquals("true", crash.container().label("autoheal"));
        assertFalse(lifecycle.stoppedOnPurpose("c1"));
        assertEquals("Exited with code 1", Cause.ofExit(crash).summary());
    }

    @Test
    void dockerStopKillAndRmAreTheOperatorsWhateverTheCode() {
        event("start", 0);
        event("kill", 10);
        event("die", 11, 137);
        event("stop", 11);
        assertEquals(Status.STOPPED, endedInspect(137, false, false, "no", 11));
        assertTrue(lifecycle.crashes().isEmpty());
        assertTrue(lifecycle.stoppedOnPurpose("c1"));
        Cause cause = Cause.ofExit(lifecycle.lastExit("c1").orElseThrow());
        assertTrue(cause.byOperator());
        assertEquals("15", cause.signal());
        assertEquals("Stopped by the operator", cause.summary());
    }

    @Test
    void aStopOfAnEarlierRunDoesNotMakeTheNextCrashTheOperators() {
        event("start", 0);
        event("kill", 10);
        event("die", 11, 0);
        event("start", 20);
        event("die", 30, 3);
        assertEquals(Status.EXITED, endedInspect(3, false, false, "no", 30));
    }

    @Test
    void exitZeroWithoutARestartPolicyIsAFinishedJobAndUnderAlwaysACrashRestart() {
        event("start", 0);
        event("die", 5, 0);
        assertEquals(Status.COMPLETED, endedInspect(0, false, false, "no", 5));
        assertEquals(Status.COMPLETED, endedInspect(0, false, false, "on-failure", 5));
        assertTrue(lifecycle.crashes().isEmpty());
        assertEquals(Status.RESTARTING, endedInspect(0, false, true, "always", 5),
                "the policy brings it back: the crash-restart watch counts it");
        assertEquals(Status.EXITED, endedInspect(0, false, false, "always", 5),
                "exit 0 under always that is not brought back is no finished job");
    }

    @Test
    void anOomKillIsNamedWithTheLimitWhateverTheExitCode() {
        event("start", 0);
        event("oom", 4);
        event("die", 4, 137);
        assertEquals(Status.OOM_KILLED, lifecycle.lastExit("c1").orElseThrow().status(), "the oom event alone says so");
        assertEquals(Status.OOM_KILLED, endedInspect(137, true, false, "no", 4));
        Lifecycle.Exit exit = lifecycle.lastExit("c1").orElseThrow();
        assertTrue(exit.crash());
        assertEquals("Killed for memory (OOMKilled), limit 32 MiB", Cause.ofExit(exit).summary());
    }

    @Test
    void aRequestThatArrivesAfterTheExitItCausedStillMakesItTheOperators() {
        event("start", 0);
        event("die", 11, 143); // delivered first
        assertEquals(Status.EXITED, lifecycle.lastExit("c1").orElseThrow().status());
        event("kill", 10); // the engine's time says it came first
        assertEquals(Status.STOPPED, lifecycle.lastExit("c1").orElseThrow().status());
        assertTrue(lifecycle.crashes().isEmpty());
    }

    @Test
    void aRequestAfterTheExitIsNotItsCause() {
        event("start", 0);
        event("die", 10, 1);
        event("kill", 12); // docker kill of a container that had already crashed
        assertEquals(Status.EXITED, lifecycle.lastExit("c1").orElseThrow().status());
    }

    @Test
    void aDeathOlderThanTheLastStartIsAnOldRunsAndChangesNothing() {
        event("start", 0);
        event("start", 20);
        event("die", 10, 1); // the end of the run before the start at 20, delivered late
        assertTrue(lifecycle.lastExit("c1").isEmpty());
        assertTrue(lifecycle.crashes().isEmpty());
    }

    @Test
    void anEventStreamAwayMidEpisodeIsMadeUpForByTheInspect() {
        event("start", 0);
        event("kill", 10); // then the stream dropped: die and stop were never delivered
        assertEquals(Status.STOPPED, endedInspect(137, false, false, "no", 11),
                "the poll's inspect finds it exited; the request before the stream dropped makes it the operator's");

        // a second container whose crash happened entirely while the stream was away
        ContainerView other = new ContainerView("c2", "other", "busybox", null, null, null, false, Health.NONE, "",
                Map.of(), null, "exited");
        assertEquals(Status.EXITED, lifecycle.inspected(other, new ContainerState("exited", false, 2, false, "",
                T0, T0.plusSeconds(5), 0, 0, List.of(), "none", false, "no", 0)));
        assertEquals(2, lifecycle.lastExit("c2").orElseThrow().exitCode());
    }

    @Test
    void aStartEndsTheExitAndKeepsItAsThePreviousRunForTheCrashRestartWatch() {
        event("start", 0);
        event("oom", 5);
        event("die", 5, 137);
        assertEquals(Status.RESTARTING, endedInspect(137, true, true, "always", 5));
        event("start", 6);
        assertEquals(Status.RUNNING, runningInspect(Health.NONE, "running", 6, 1));
        assertTrue(lifecycle.lastExit("c1").isEmpty());
        assertTrue(lifecycle.previousRun("c1").orElseThrow().oom());
        assertEquals(1, lifecycle.restartCount("c1").orElseThrow());
        assertFalse(lifecycle.stoppedOnPurpose("c1"));
    }

    @Test
    void anInspectThatSeesTheRestartBeforeItsEventEndsTheExitToo() {
        event("start", 0);
        event("die", 5, 1);
        assertEquals("healthy", runningInspect(Health.HEALTHY, "running", 6, 1), "already restarted by its policy");
        assertTrue(lifecycle.lastExit("c1").isEmpty());
        assertTrue(lifecycle.crashes().isEmpty());
        event("start", 6);
        assertEquals(1, lifecycle.previousRun("c1").orElseThrow().exitCode());
    }

    @Test
    void pausedAndRemovedContainers() {
        event("start", 0);
        assertEquals(Status.PAUSED, runningInspect(Health.HEALTHY, "paused", 0, 0), "health is not read while paused");
        assertEquals(Status.RUNNING, runningInspect(Health.NONE, "running", 0, 0));
        event("die", 10, 1);
        event("destroy", 11);
        assertTrue(lifecycle.crashes().isEmpty(), "a removed container is not restarted by auto-heal");
        assertEquals(Status.EXITED, lifecycle.lastExit("c1").orElseThrow().status(),
                "a wait that ends after the removal still knows how it ended");
    }

    @Test
    void aRemovalWithNoExitSeenIsTheOperators() {
        event("start", 0);
        event("destroy", 10); // kill and die were lost with the stream
        assertTrue(lifecycle.stoppedOnPurpose("c1"));
    }
}
