package io.dhm.heal;

import io.dhm.engine.ContainerView;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitWatchTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final ExitWatch watch = new ExitWatch(Clock.systemUTC());
    private final ContainerView worker = ContainerView.fromEvent("c1", Map.of("name", "worker", "image", "busybox",
            "autoheal", "true", "exitCode", "1"), false);

    @Test
    void aDeathWithANonZeroCodeAndNoKillBeforeItIsACrash() {
        watch.record("start", worker, null, T0);
        watch.record("die", worker, 1, T0.plusSeconds(5));
        assertEquals(1, watch.crashes().size());
        ExitWatch.Crash crash = watch.crashes().get(0);
        assertEquals(1, crash.exitCode());
        assertEquals(T0.plusSeconds(5), crash.at());
        assertEquals("worker", crash.container().name());
        assertEquals("true", crash.container().label("autoheal"));
        assertFalse(watch.stoppedOnPurpose("c1"));
    }

    @Test
    void aStopOrKillIsNeverACrashWhateverTheCode() {
        watch.record("kill", worker, null, T0);
        watch.record("die", worker, 137, T0.plusSeconds(1));
        watch.record("stop", worker, null, T0.plusSeconds(1));
        assertTrue(watch.crashes().isEmpty());
        assertTrue(watch.stoppedOnPurpose("c1"));
    }

    @Test
    void exitCodeZeroIsNotACrash() {
        watch.record("die", worker, 0, T0);
        assertTrue(watch.crashes().isEmpty());
    }

    @Test
    void aStartOrRemovalEndsTheCrashAndTheStop() {
        watch.record("die", worker, 2, T0);
        watch.record("start", worker, null, T0.plusSeconds(1));
        assertTrue(watch.crashes().isEmpty());

        watch.record("kill", worker, null, T0.plusSeconds(2));
        watch.record("start", worker, null, T0.plusSeconds(3));
        assertFalse(watch.stoppedOnPurpose("c1"), "a new run starts with a clean slate");
        watch.record("die", worker, 1, T0.plusSeconds(4));
        assertEquals(1, watch.crashes().size(), "a kill of an earlier run does not excuse this crash");

        watch.record("destroy", worker, null, T0.plusSeconds(5));
        assertTrue(watch.crashes().isEmpty());
    }
}
