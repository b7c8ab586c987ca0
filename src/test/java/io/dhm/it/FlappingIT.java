package io.dhm.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flapping end to end: the packaged jar against the sandbox engine, a container whose healthcheck fails for 2 s every
 * 5 s, each spell far shorter than the 30 s confirm wait, so none is alerted on its own.
 */
class FlappingIT extends EmailedMonitor {

    static final Duration WINDOW = Duration.ofSeconds(24);
    /** Healthy for 3 s, unhealthy for 2 s, until /tmp/steady exists; then healthy for good. */
    private static final String FLAPPING = "while [ ! -f /tmp/steady ]; do touch /tmp/ok; sleep 3; rm -f /tmp/ok; sleep 2;"
            + " done; touch /tmp/ok; while true; do sleep 1; done";

    @BeforeAll
    static void start() throws Exception {
        startMonitor(Map.of(
                "WAIT_AND_CHECK_AGAIN_MIN", "0.5",
                "FLAPPING_COUNT", "3",
                "FLAPPING_WINDOW_MIN", "0.4"));
    }

    private static long returns(String name) {
        return monitor.output().split(name + " \\[standalone\\]: unhealthy → healthy", -1).length - 1;
    }

    private static List<String> subjects(String name) {
        return mails.about(name).stream().map(Mails.Mail::subject).toList();
    }

    @Test
    void aContainerFlappingFasterThanTheWaitIsOneWarningThenOneInfoOnceStable() {
        String name = SandboxEngine.unique("flapping");
        String id = engine.start(name, Map.of(), FLAPPING, true, false, null);

        Mails.Mail flapping = mails.await(name, "WARNING", Duration.ofSeconds(45));
        assertEquals("WARNING: [standalone] " + name + " - Flapping", flapping.subject());
        assertTrue(flapping.body().contains("Status Change:   healthy → flapping"), flapping.body());
        assertTrue(flapping.body().contains("came back 3 times within 0.4 minute(s)"), flapping.body());
        assertTrue(returns(name) >= 3, monitor.tail());

        // it keeps flapping for two more returns: no second WARNING
        long returnsAtTheWarning = returns(name);
        await().atMost(Duration.ofSeconds(20)).until(() -> returns(name) >= returnsAtTheWarning + 2);
        engine.exec(id, "touch", "/tmp/steady");
        Instant steady = Instant.now();

        Mails.Mail stable = mails.await(name, "INFO", WINDOW.plusSeconds(20));
        assertTrue(Duration.between(steady, Instant.now()).compareTo(WINDOW) >= 0, "stable before a quiet window");
        assertEquals("INFO: [standalone] " + name + " - Stable again", stable.subject());
        assertTrue(stable.body().contains("Status Change:   flapping → stable"), stable.body());
        assertTrue(stable.body().contains("no unhealthy spell for 0.4 minute(s): stable again"), stable.body());
        assertEquals(List.of(flapping.subject(), stable.subject()), subjects(name), "one WARNING, one INFO, no CRITICAL");
    }
}
