package io.dhm.repeat;

import io.dhm.ManualClock;
import io.dhm.ack.Acknowledgement;
import io.dhm.ack.Acknowledgements;
import io.dhm.decide.AlertMemory;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Transition;
import io.dhm.store.Database;
import io.dhm.store.MemoryDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ALERT_REPEAT_INTERVAL_MIN skips an acknowledged episode, and only that one. */
class AckRepeatScheduleTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z"); // nanoseconds: they must survive the JSON rows
    private static final Duration INTERVAL = Duration.ofMinutes(10);

    private final ManualClock clock = new ManualClock(T0);
    private final ContainerTracker tracker = new ContainerTracker();

    private Transition alerted(String name) {
        ContainerView healthy = new ContainerView(name, name, "nginx", null, null, null, true, Health.HEALTHY, "");
        tracker.observe(healthy, T0.minusSeconds(60));
        Transition unhealthy = tracker.observe(healthy.withHealth(Health.UNHEALTHY, "exit 1"), T0).orElseThrow();
        tracker.alerted(unhealthy, "unhealthy", T0);
        return unhealthy;
    }

    @Test
    void anAcknowledgedContainerIsNotRepeatedUntilANewEpisode() throws Exception {
        Acknowledgements acknowledgements = new Acknowledgements(MemoryDatabase.create());
        acknowledgements.open();
        RepeatSchedule schedule = new RepeatSchedule(tracker, acknowledgements, clock, INTERVAL);
        Transition acknowledgedOne = alerted("web");
        alerted("db");
        acknowledgements.add(new Acknowledgement("web", "web", "alert-1", "alice", null, T0, acknowledgedOne.troubleSince()));

        clock.advance(INTERVAL);
        assertEquals(List.of("db"), schedule.due().stream().map(repeat -> repeat.container().name()).toList());
        clock.advance(INTERVAL);
        assertEquals(List.of("db"), schedule.due().stream().map(repeat -> repeat.container().name()).toList());

        // recovered and in trouble again: a new episode, repeated again
        ContainerView web = acknowledgedOne.container();
        tracker.observe(web.withHealth(Health.HEALTHY, ""), clock.instant());
        Transition again = tracker.observe(web.withHealth(Health.UNHEALTHY, "exit 1"), clock.instant()).orElseThrow();
        tracker.alerted(again, "unhealthy", clock.instant());
        clock.advance(INTERVAL);
        assertEquals(List.of("db", "web"), schedule.due().stream().map(repeat -> repeat.container().name()).sorted().toList());
    }

    @Test
    void anAcknowledgementStillHoldsAfterARestart() throws Exception {
        Database database = MemoryDatabase.create();
        AlertMemory memory = new AlertMemory(database);
        Acknowledgements before = new Acknowledgements(database);
        before.open();
        Transition web = alerted("web");
        memory.remember(web);
        before.add(new Acknowledgement("web", "web", "alert-1", "alice", "on it", T0, web.troubleSince()));

        // a new monitor: the tracker resumes the episode from AlertMemory, the acknowledgement comes from dhm_ack
        ContainerTracker restarted = new ContainerTracker();
        memory.all().forEach(restarted::resumeAlerted);
        Acknowledgements after = new Acknowledgements(database);
        after.open();
        clock.advance(INTERVAL);

        assertEquals(List.of(), new RepeatSchedule(restarted, after, clock, INTERVAL).due());
    }
}
