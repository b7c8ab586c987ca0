package io.dhm.bench;

import com.github.dockerjava.api.model.Event;

import java.time.Duration;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Detection-to-restart latency of whichever healer runs now (the monitor's auto-heal or a peer tool), on a
 * {@link Probe}: each round removes /tmp/ok and takes the engine's {@code health_status: unhealthy} event and its
 * first {@code kill} event of the probe after it (the stop a restart begins with); the figure is the difference of
 * their engine timestamps. The round ends when the restarted probe is healthy again; a second kill before that (two
 * restarts for one fault) fails the run, as would a kill before the engine's verdict.
 */
final class HealRounds {

    /**
     * Faults come 0 to 5 s after the probe is healthy again, one in each equal slice of 5 s (a poller's interval, such
     * as docker-autoheal's default): a poller's latency depends on where in its cycle the container turns unhealthy,
     * and rounds paced by its own restarts would otherwise always hit the same phase.
     */
    static final Duration FAULT_SPREAD = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final EngineEvents events;
    private final Probe probe;
    private final long[] delays;

    HealRounds(EngineEvents events, Probe probe, int rounds) {
        this.events = events;
        this.probe = probe;
        this.delays = faultDelays(rounds);
    }

    /** {@code warmUps} rounds not counted (a fresh JVM loads classes on its first restart), then the timed ones, ms. */
    double[] run(String healer, int warmUps) throws InterruptedException {
        double[] latencies = new double[delays.length];
        for (int round = -warmUps; round < delays.length; round++) {
            long delay = delays[Math.floorMod(round, delays.length)];
            double ms = round(healer, delay, round < 0 ? "warm-up" : "round " + (round + 1));
            if (round >= 0) {
                latencies[round] = ms;
            }
        }
        return latencies;
    }

    private double round(String healer, long delay, String label) throws InterruptedException {
        Thread.sleep(delay);
        probe.fault();
        Event unhealthy = events.next(action("health_status: unhealthy").or(action("kill")), "probe unhealthy", WAIT);
        if (!"health_status: unhealthy".equals(unhealthy.getAction())) {
            throw new IllegalStateException(healer + " killed the probe before the engine declared it unhealthy");
        }
        Event kill = events.next(action("kill"), "probe killed (restarted by " + healer + ")", WAIT);
        int extraKills = awaitHealthyAgain();
        double ms = (kill.getTimeNano() - unhealthy.getTimeNano()) / 1e6;
        System.err.printf("  %s, %s: unhealthy -> kill %.0f ms (fault %d ms after healthy, signal %s)%n", healer, label,
                ms, delay, kill.getActor() == null ? "?" : kill.getActor().getAttributes().get("signal"));
        if (extraKills > 0) {
            throw new IllegalStateException(healer + " restarted the probe " + (extraKills + 1) + " times for one fault");
        }
        return ms;
    }

    /** Until the restarted probe is healthy; returns how many more kills came before that. */
    private int awaitHealthyAgain() throws InterruptedException {
        int extraKills = 0;
        while (!"health_status: healthy".equals(events.next(action("health_status: healthy").or(action("kill")),
                "probe healthy after the restart", WAIT).getAction())) {
            extraKills++;
        }
        return extraKills;
    }

    private Predicate<Event> action(String action) {
        return EngineEvents.action(probe.id(), action);
    }

    /** One draw in each of {@code rounds} equal slices of {@link #FAULT_SPREAD}, shuffled; the same every run. */
    private static long[] faultDelays(int rounds) {
        Random random = new Random(4);
        long slice = FAULT_SPREAD.toMillis() / rounds;
        long[] delays = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            delays[i] = i * slice + random.nextInt((int) slice);
        }
        // shuffled, so that the order of the delays does not line up with any drift over the run
        for (int i = rounds - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = delays[i];
            delays[i] = delays[j];
            delays[j] = t;
        }
        return delays;
    }
}
