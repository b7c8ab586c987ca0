package io.dhm.heartbeat;

import io.dhm.ops.MonitorMetrics;
import io.dhm.config.HeartbeatSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dead-man's switch driven tick by tick: it pings only while on, leading and ready, and logs a failing ping once
 * when the pings start failing and once when they work again, never the URL's secret path.
 */
class HeartbeatTest {

    private static final String SECRET = "6f1c2a5e-93b1-4cde-8f5a-2b7d9e0a1c44";
    private static final HeartbeatSettings ON =
            new HeartbeatSettings(Optional.of(URI.create("https://hc-ping.example.com/" + SECRET)), Duration.ofSeconds(60));

    private boolean ready = true;
    private int readinessAsked;
    private int pings;
    /** What the next pings answer, in turn; empty = they go through. */
    private final Deque<String> failures = new ArrayDeque<>();
    private final MonitorMetrics metrics = MonitorMetrics.prometheus();
    private final List<LogEvent> logged = new CopyOnWriteArrayList<>();
    private final AbstractAppender capture = new AbstractAppender("heartbeat-test", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            logged.add(event.toImmutable());
        }
    };

    private Heartbeat heartbeat(HeartbeatSettings settings) {
        return new Heartbeat(settings, () -> {
            readinessAsked++;
            return ready;
        }, () -> {
            pings++;
            return Optional.ofNullable(failures.poll());
        }, metrics);
    }

    @BeforeEach
    void captureLog() {
        capture.start();
        ((Logger) LogManager.getLogger(Heartbeat.class)).addAppender(capture);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LogManager.getLogger(Heartbeat.class)).removeAppender(capture);
        capture.stop();
    }

    private List<String> messages(Level level) {
        return logged.stream().filter(event -> event.getLevel() == level)
                .map(event -> event.getMessage().getFormattedMessage()).toList();
    }

    private String scrape() {
        return ((PrometheusMeterRegistry) metrics.registry()).scrape();
    }

    @Test
    void pingsAtEachTickWhileReadyAndLeading() {
        Heartbeat heartbeat = heartbeat(ON);
        heartbeat.beat();
        heartbeat.beat();
        assertEquals(2, pings);
        assertTrue(scrape().contains("dhm_heartbeat_pings_total{outcome=\"ok\"} 2.0"), scrape());
        assertTrue(logged.isEmpty(), "nothing to say while all is well: " + messages(Level.INFO));
    }

    @Test
    void offMeansNoPingAndNoReadinessCheck() {
        Heartbeat heartbeat = heartbeat(new HeartbeatSettings(Optional.empty(), Duration.ofSeconds(60)));
        heartbeat.beat();
        assertEquals(0, pings);
        assertEquals(0, readinessAsked, "an idle monitor does not evaluate its readiness for nothing");
    }

    @Test
    void noPingWhileNotReadyAndOneWarningForThePause() {
        Heartbeat heartbeat = heartbeat(ON);
        heartbeat.beat();
        ready = false;
        heartbeat.beat();
        heartbeat.beat();
        assertEquals(1, pings, "readiness DOWN: nothing is sent, so the outside service alerts");
        assertEquals(List.of("Heartbeat to https://hc-ping.example.com paused: the monitor is not ready (see"
                + " /observe/health/ready)"), messages(Level.WARN));

        ready = true;
        heartbeat.beat();
        assertEquals(2, pings);
        assertEquals(List.of("Heartbeat to https://hc-ping.example.com resumed: the monitor is ready again"),
                messages(Level.INFO));
    }

    @Test
    void aFailingPingIsLoggedOnceWhenItStartsAndOnceWhenItWorksAgain() {
        Heartbeat heartbeat = heartbeat(ON);
        failures.addAll(List.of("ConnectException: Connection refused", "HTTP 503 Service Unavailable",
                "SocketTimeoutException: Read timed out"));
        for (int tick = 0; tick < 5; tick++) {
            heartbeat.beat();
        }
        assertEquals(5, pings, "one try per tick, none in between");
        assertEquals(List.of("Heartbeat to https://hc-ping.example.com failed: ConnectException: Connection refused;"
                + " tried again every 60.0 s, logged again once a ping goes through"), messages(Level.WARN));
        assertEquals(List.of("Heartbeat to https://hc-ping.example.com works again after 3 failed ping(s)"),
                messages(Level.INFO));
        assertTrue(scrape().contains("dhm_heartbeat_pings_total{outcome=\"failed\"} 3.0"), scrape());
        assertTrue(scrape().contains("dhm_heartbeat_pings_total{outcome=\"ok\"} 2.0"), scrape());
        assertFalse(logged.stream().anyMatch(event -> event.getMessage().getFormattedMessage().contains(SECRET)));
    }
}
