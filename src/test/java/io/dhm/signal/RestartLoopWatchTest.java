package io.dhm.signal;

import io.dhm.config.Settings;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import io.dhm.observe.Lifecycle;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RestartLoopWatch's sampling of RestartCount; sample() uses only the settings, so no context is needed. */
class RestartLoopWatchTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static RestartLoopWatch watch(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new RestartLoopWatch(Settings.from(p).watch(), null, new Lifecycle());
    }

    private static ContainerView container(String id) {
        return new ContainerView(id, "name-" + id, "img:1", null, null, null, true, Health.NONE, "");
    }

    @Test
    void defaultIsMoreThanFiveWithinTenMinutes() {
        RestartLoopWatch watch = watch();
        ContainerView c = container("c1");
        for (int count = 0; count <= 5; count++) {
            assertEquals(Optional.empty(), watch.sample(c, count, T0.plusSeconds(60L * count)), "restart " + count);
        }
        assertEquals(Optional.of(6), watch.sample(c, 6, T0.plusSeconds(360)), "6 restarts within 6 minutes");
    }

    @Test
    void anEpisodeIsReportedOnceHoweverLongItLasts() {
        RestartLoopWatch watch = watch();
        ContainerView c = container("c1");
        assertEquals(Optional.empty(), watch.sample(c, 10, T0));
        assertEquals(Optional.empty(), watch.sample(c, 13, T0.plusSeconds(30)));
        assertEquals(Optional.of(6), watch.sample(c, 16, T0.plusSeconds(60)));

        for (int count = 17; count <= 40; count++) {
            assertEquals(Optional.empty(), watch.sample(c, count, T0.plusSeconds(60 + count)),
                    "the episode alerted at 16 goes on at " + count);
        }
    }

    @Test
    void growthSpreadBeyondTheWindowIsNoLoop() {
        RestartLoopWatch watch = watch();
        ContainerView c = container("c1");
        // one restart every 2 minutes: 5 per 10 minutes at most, for an hour
        for (int count = 0; count <= 30; count++) {
            assertEquals(Optional.empty(), watch.sample(c, count, T0.plusSeconds(120L * count)), "restart " + count);
        }
    }

    @Test
    void samplesOutsideTheWindowDropOut() {
        RestartLoopWatch watch = watch();
        ContainerView c = container("c1");
        assertEquals(Optional.empty(), watch.sample(c, 0, T0));
        assertEquals(Optional.empty(), watch.sample(c, 3, T0.plusSeconds(300)));
        assertEquals(Optional.empty(), watch.sample(c, 6, T0.plusSeconds(600)),
                "the sample at 0 is exactly a window old: 6 - 3 = 3");
        assertEquals(Optional.of(6), watch.sample(c, 9, T0.plusSeconds(650)), "9 - 3 = 6 within 350 s");
    }

    @Test
    void aLargeJumpAfterALongQuietIsNoLoop() {
        RestartLoopWatch watch = watch();
        ContainerView c = container("c1");
        assertEquals(Optional.empty(), watch.sample(c, 0, T0));
        assertEquals(Optional.empty(), watch.sample(c, 50, T0.plusSeconds(3600)),
                "restarts between samples a window apart are not known to be within one window");
    }

    @Test
    void theFirstSampleIsTheBaseline() {
        RestartLoopWatch watch = watch();
        ContainerView c = container("c1");
        assertEquals(Optional.empty(), watch.sample(c, 100, T0), "restarts before the monitor watched do not count");
        assertEquals(Optional.empty(), watch.sample(c, 105, T0.plusSeconds(10)));
        assertEquals(Optional.of(6), watch.sample(c, 106, T0.plusSeconds(20)));
    }

    @Test
    void containersAreCountedSeparately() {
        RestartLoopWatch watch = watch();
        ContainerView a = container("a");
        ContainerView b = container("b");
        assertEquals(Optional.empty(), watch.sample(a, 0, T0));
        assertEquals(Optional.empty(), watch.sample(b, 0, T0));
        assertEquals(Optional.empty(), watch.sample(a, 3, T0.plusSeconds(10)));
        assertEquals(Optional.empty(), watch.sample(b, 3, T0.plusSeconds(10)));
        assertEquals(Optional.of(6), watch.sample(a, 6, T0.plusSeconds(20)));
        assertEquals(Optional.empty(), watch.sample(b, 5, T0.plusSeconds(20)));
    }

    @Test
    void limitAndWindowComeFromTheSettings() {
        RestartLoopWatch watch = watch("restart.loop.count", "2", "restart.loop.window.sec", "60");
        ContainerView c = container("c1");
        assertEquals(Optional.empty(), watch.sample(c, 0, T0));
        assertEquals(Optional.empty(), watch.sample(c, 2, T0.plusSeconds(20)), "2 is not more than 2");
        assertEquals(Optional.of(3), watch.sample(c, 3, T0.plusSeconds(40)));

        assertEquals(Optional.empty(), watch.sample(c, 4, T0.plusSeconds(70)));
        assertEquals(Optional.empty(), watch.sample(c, 5, T0.plusSeconds(110)));
        assertTrue(watch.sample(c, 6, T0.plusSeconds(140)).isEmpty(),
                "4 at +70 s has left the 60 s window: 6 - 5 = 1");
    }

    @Test
    void aCountResetByAManualStartIsAFreshBaseline() {
        RestartLoopWatch watch = watch("restart.loop.count", "2");
        ContainerView c = container("c1");
        assertEquals(Optional.empty(), watch.sample(c, 9, T0));
        // `docker restart` set the engine's count back to 0; a new loop counts from there, not from 9
        assertEquals(Optional.empty(), watch.sample(c, 0, T0.plusSeconds(10)));
        assertEquals(Optional.empty(), watch.sample(c, 2, T0.plusSeconds(20)));
        assertEquals(Optional.of(3), watch.sample(c, 3, T0.plusSeconds(30)));
    }
}
