package io.dhm.confirm;

import io.dhm.store.MemoryDatabase;
import io.dhm.check.CustomChecks;
import io.dhm.config.Settings;
import io.dhm.decide.AlertMemory;
import io.dhm.engine.ContainerState;
import io.dhm.engine.Inspected;
import io.dhm.observe.Change;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Lifecycle;
import io.dhm.observe.Transition;
import io.dhm.engine.ContainerView;
import io.dhm.engine.DockerGateway;
import io.dhm.engine.Health;
import io.dhm.alert.Alert;
import io.dhm.alert.AlertFactory;
import io.dhm.rootcause.RootCause;
import io.dhm.alert.Severity;
import io.dhm.store.Database;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recheck's decision table, with the engine's answer given by a fake gateway. */
class ConfirmationTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration WAIT = Duration.ofMinutes(15);

    /** Answers the recheck's questions from fixed values instead of an engine. */
    private static final class FixedEngine extends DockerGateway {
        Optional<ContainerView> current = Optional.empty();
        /** What the inspect says of the current container's state (exit code, OOM kill, restart policy). */
        ContainerState state = new ContainerState("running", true, 0, false, "", T0, null, 0, 0, List.of(), "none");

        FixedEngine() {
            super(Settings.from(new Properties()));
        }

        @Override
        public Optional<ContainerView> current(ContainerView of) {
            return current;
        }

        @Override
        public Optional<Inspected> snapshot(String idOrName) {
            return current.map(view -> new Inspected(view, state));
        }

        @Override
        public String logTail(String containerId, int lines) {
            return "boom 1\nboom 2\n";
        }
    }

    private final FixedEngine engine = new FixedEngine();
    private final ContainerTracker tracker = new ContainerTracker();
    private final AlertMemory memory = memory();
    /** Folding is RootCauseTest's: none of these containers depends on another. */
    private final RootCause noFolding = new RootCause(tracker, engine, null, Clock.fixed(T0, ZoneOffset.UTC), false);
    private final Confirmation confirmation = new Confirmation(engine, noCustomChecks(engine), tracker, new Lifecycle(), memory,
            new AlertFactory("Test", Clock.fixed(T0, ZoneOffset.UTC)), noFolding, WAIT, 2);

    /** None of these containers declares a custom check, so the views pass through unchanged. */
    private static CustomChecks noCustomChecks(DockerGateway engine) {
        return new CustomChecks(Settings.from(new Properties()).watch(), engine, null, MemoryDatabase.create(), Clock.fixed(T0, ZoneOffset.UTC));
    }

    private static AlertMemory memory() {
        return new AlertMemory(MemoryDatabase.create());
    }

    private static ContainerView api(String id, boolean running, Health health) {
        return new ContainerView(id, "api", "api:1", null, null, null, running, health, "exit code 1: refused");
    }

    private Transition becameUnhealthy() {
        tracker.reconcile(List.of(api("a", true, Health.HEALTHY)), T0);
        return tracker.observe(api("a", true, Health.UNHEALTHY), T0.plusSeconds(1)).orElseThrow();
    }

    @Test
    void stillUnhealthyAfterTheWaitIsCriticalWithLogsAndHealthcheckOutput() throws Exception {
        Transition pending = becameUnhealthy();
        engine.current = Optional.of(api("a", true, Health.UNHEALTHY));

        Alert alert = confirmation.recheck(pending);

        assertEquals(Severity.CRITICAL, alert.severity());
        assertEquals("healthy", alert.fromStatus());
        assertEquals("exit code 1: refused", alert.healthOutput());
        assertEquals("boom 1\nboom 2", alert.logs());
        assertTrue(alert.details().contains("after 15 minute(s)"), alert.details());
    }

    @Test
    void aWaitCompletedEarlySaysHowLongItReallyWas() throws Exception {
        Transition pending = becameUnhealthy();
        engine.current = Optional.of(api("a", true, Health.UNHEALTHY));
        // forced to complete (the aggregator's forceCompletion over JMX) 3 minutes into the 15-minute wait
        Confirmation forced = new Confirmation(engine, noCustomChecks(engine), tracker, new Lifecycle(), memory,
                new AlertFactory("Test", Clock.fixed(pending.at().plus(Duration.ofMinutes(3)), ZoneOffset.UTC)), noFolding, WAIT, 2);

        Alert alert = forced.recheck(pending);

        assertTrue(alert.details().contains("remained unhealthy after 3 minute(s)"), alert.details());
    }

    @Test
    void anAlertedContainerIsRememberedSoARestartedTrackerDoesNotAlertItAgainButSeesItsRecovery() throws Exception {
        Transition pending = becameUnhealthy();
        engine.current = Optional.of(api("a", true, Health.UNHEALTHY));
        confirmation.recheck(pending);

        ContainerTracker restarted = new ContainerTracker();
        memory.all().forEach(restarted::resumeAlerted);

        assertTrue(restarted.reconcile(List.of(api("a", true, Health.UNHEALTHY)), T0.plusSeconds(60)).isEmpty(),
                "still unhealthy: nothing new");
        Transition recovered = restarted.reconcile(List.of(api("a", true, Health.HEALTHY)), T0.plusSeconds(120)).get(0);
        assertEquals(Change.RECOVERED, recovered.change());
        assertEquals(T0.plusSeconds(1), recovered.troubleSince());
        assertEquals("unhealthy", recovered.alertedAs());

        memory.forget(recovered);
        assertTrue(memory.all().isEmpty());
    }

    @Test
    void goneWithNothingKnownOfHowAfterTheWaitIsNotFound() throws Exception {
        tracker.reconcile(List.of(api("a", true, Health.HEALTHY)), T0);
        Transition vanished = tracker.reconcile(List.of(), T0.plusSeconds(1)).get(0);
        engine.current = Optional.empty();

        Alert alert = confirmation.recheck(vanished);

        assertEquals(Severity.ERROR, alert.severity());
        assertEquals("not_found", alert.toStatus());
    }

    /** Gone from a poll; at the recheck the engine has it exited with {@code exitCode}, its last health {@code health}. */
    private Transition exitedWith(long exitCode, Health health) {
        tracker.reconcile(List.of(api("a", true, Health.HEALTHY)), T0);
        Transition vanished = tracker.reconcile(List.of(), T0.plusSeconds(1)).get(0);
        engine.current = Optional.of(api("a", false, health));
        engine.state = new ContainerState("exited", false, exitCode, false, "", T0, T0.plusSeconds(1), 0, 0, List.of(),
                "none", false, "no", 0);
        return vanished;
    }

    @Test
    void exitedOnItsOwnAfterTheWaitIsCriticalNamingTheCodeAndNeverReadsTheLastHealthAsUnhealthy() throws Exception {
        Alert alert = confirmation.recheck(exitedWith(3, Health.UNHEALTHY));

        assertEquals(Severity.CRITICAL, alert.severity());
        assertEquals("exited", alert.toStatus());
        assertEquals("Exited with code 3", alert.headline());
        assertEquals(3L, alert.cause().exitCode());
        assertTrue(alert.logs().contains("boom 2"), alert.logs());
    }

    @Test
    void aJobThatFinishedIsNoAlert() throws Exception {
        assertNull(confirmation.recheck(exitedWith(0, Health.HEALTHY)), "exit 0 without a restart policy: a job that finished");
    }

    @Test
    void healthyAtRecheckIsNoAlertAndEndsTheEpisode() throws Exception {
        Transition pending = becameUnhealthy();
        tracker.observe(api("a", true, Health.HEALTHY), T0.plusSeconds(2));
        engine.current = Optional.of(api("a", true, Health.HEALTHY));

        assertNull(confirmation.recheck(pending));

        Transition again = tracker.observe(api("a", true, Health.UNHEALTHY), T0.plusSeconds(60)).orElseThrow();
        assertEquals(Change.UNHEALTHY, again.change());
        assertEquals(T0.plusSeconds(60), again.troubleSince(), "a new episode");
    }

    @Test
    void anEarlyEndWhileStillInTroubleNeverAlerts() throws Exception {
        becameUnhealthy();
        Transition returned = tracker.observe(api("a", true, Health.HEALTHY), T0.plusSeconds(2)).orElseThrow();
        assertEquals(Change.RETURNED, returned.change());
        engine.current = Optional.of(api("a", true, Health.UNHEALTHY)); // the return did not last

        assertNull(confirmation.recheck(returned));

        Transition again = tracker.observe(api("a", true, Health.UNHEALTHY), T0.plusSeconds(3)).orElseThrow();
        assertEquals(Change.UNHEALTHY, again.change(), "the next sighting starts a new wait");
        assertEquals(T0.plusSeconds(1), again.troubleSince(), "the episode goes on");
    }
}
