package io.dhm.heal;

import io.dhm.config.Settings;
import io.dhm.heal.RestartPolicy.Decision;
import io.dhm.heal.RestartPolicy.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartPolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static RestartPolicy policy(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new RestartPolicy(Settings.from(p).heal());
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void theFirstRestartComesAtOnceThenTheBackoffDoublesUpToItsMaximum() {
        RestartPolicy policy = policy("autoheal.max.restarts", "100", "autoheal.restart.window.sec", "100000");
        HealRecord record = HealRecord.fresh("c1");
        long now = 0;
        long[] expectedBackoffs = {10, 20, 40, 80, 160, 300, 300};
        for (long backoff : expectedBackoffs) {
            Decision restart = policy.decide(record, at(now), at(now), 100);
            assertEquals(Verdict.RESTART, restart.verdict());
            assertEquals(Duration.ofSeconds(backoff), restart.record().backoff());
            record = restart.record();
            Decision tooSoon = policy.decide(record, at(now + 1), at(now + backoff - 1), 100);
            assertEquals(Verdict.WAIT, tooSoon.verdict());
            assertEquals(at(now + backoff), tooSoon.notBefore());
            now += backoff;
        }
        assertEquals(expectedBackoffs.length, record.restarts().size());
    }

    @Test
    void oneMoreThanMaxRestartsWithinTheWindowQuarantines() {
        RestartPolicy policy = policy("autoheal.backoff.initial.sec", "1", "autoheal.backoff.max.sec", "1");
        HealRecord record = HealRecord.fresh("c1");
        for (int i = 0; i < 3; i++) {
            Decision restart = policy.decide(record, at(i * 5L), at(i * 5L), 3);
            assertEquals(Verdict.RESTART, restart.verdict());
            record = restart.record();
        }
        Decision fourth = policy.decide(record, at(20), at(20), 3);
        assertEquals(Verdict.QUARANTINE, fourth.verdict());
        assertEquals(at(20), fourth.record().quarantinedAt());
        assertEquals("3 restarts within 3600 s did not fix it (limit 3: AUTOHEAL_MAX_RESTARTS or the autoheal.max.restarts label)", fourth.record().quarantineReason());
        assertEquals(Verdict.QUARANTINED, policy.decide(fourth.record(), at(30), at(30), 3).verdict());
    }

    @Test
    void restartsOlderThanTheWindowNoLongerCount() {
        RestartPolicy policy = policy("autoheal.restart.window.sec", "60", "autoheal.backoff.initial.sec", "1");
        HealRecord record = policy.decide(HealRecord.fresh("c1"), at(0), at(0), 1).record();
        assertEquals(Verdict.QUARANTINE, policy.decide(record, at(30), at(30), 1).verdict());
        Decision later = policy.decide(record, at(61), at(61), 1);
        assertEquals(Verdict.RESTART, later.verdict());
        assertEquals(1, later.record().restarts().size());
    }

    @Test
    void aQuarantineEndsByItselfAfterTheReleaseTimeOrNeverWhenItIsZero() {
        HealRecord quarantined = new HealRecord("c1", java.util.List.of(at(0)), at(0), Duration.ofSeconds(10), at(100), "gave up");
        RestartPolicy releasing = policy("autoheal.quarantine.release.sec", "600");
        assertEquals(Verdict.QUARANTINED, releasing.decide(quarantined, at(650), at(650), 5).verdict());
        Decision released = releasing.decide(quarantined, at(700), at(700), 5);
        assertEquals(Verdict.RESTART, released.verdict());
        assertNull(released.record().quarantinedAt());
        assertEquals(1, released.record().restarts().size());

        RestartPolicy never = policy("autoheal.quarantine.release.sec", "0");
        assertEquals(Verdict.QUARANTINED, never.decide(quarantined, at(1_000_000), at(1_000_000), 5).verdict());
    }

    @Test
    void theBackoffStartsOverOnceTheContainerRanLongEnoughWithoutTrouble() {
        RestartPolicy policy = policy("autoheal.max.restarts", "100", "autoheal.restart.window.sec", "100000");
        HealRecord record = HealRecord.fresh("c1");
        for (long second : new long[] {0, 10, 30, 70, 150}) { // each as soon as the backoff allows: now 160 s
            record = policy.decide(record, at(second), at(second), 100).record();
        }
        assertEquals(Duration.ofSeconds(160), record.backoff());
        // trouble began 599 s after the last restart: not long enough, the backoff keeps growing
        Decision soon = policy.decide(record, at(150 + 599), at(150 + 599), 100);
        assertEquals(Duration.ofSeconds(300), soon.record().backoff());
        // trouble began 600 s (AUTOHEAL_BACKOFF_RESET_SEC) after the last restart: back to the first backoff
        Decision reset = policy.decide(record, at(150 + 600), at(150 + 600), 100);
        assertEquals(Verdict.RESTART, reset.verdict());
        assertEquals(Duration.ofSeconds(10), reset.record().backoff());
        assertTrue(reset.record().restarts().size() > 1, "the window still counts earlier restarts");
    }
}
