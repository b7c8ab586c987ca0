package io.dhm.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery through the packaged jar: webhooks to a real local HTTP server next to SMTP, a receiver that fails then
 * recovers, one that hangs, and 40 containers failing at once grouped into one message per route.
 */
class DeliveryIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final SandboxEngine ENGINE = new SandboxEngine();

    HttpServer receiver;
    final List<String> flakyBodies = new CopyOnWriteArrayList<>();
    final AtomicInteger flakyCalls = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/flaky", exchange -> { // 500 the first time, 200 after
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = flakyCalls.incrementAndGet() == 1 ? 500 : 200;
            if (status == 200) {
                flakyBodies.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.createContext("/hang", exchange -> { // never answers while the test runs
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        release.countDown();
        receiver.stop(0);
    }

    @AfterAll
    static void cleanUp() {
        ENGINE.removeTestContainers();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @Test
    void aFailingThenRecoveringWebhookGetsTheAlertOnceAndAHangingOneDelaysNothing(@TempDir Path workDir) throws Exception {
        String name = SandboxEngine.unique("hooked");
        try (MonitorProcess monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", ENGINE.dockerHost,
                "SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(SMTP.getSmtp().getPort()),
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com",
                "CONTAINER_ALERT_ROUTING", "hooked:team@example.com," + url("/flaky"),
                "WEBHOOK_URLS", url("/hang"), "WEBHOOK_TIMEOUT_SEC", "20",
                "HEALTH_CHECK_INTERVAL_SEC", "1", "WAIT_AND_CHECK_AGAIN_MIN", "0.05"))) {
            ENGINE.makeUnhealthy(ENGINE.startMonitored(name));
            monitor.awaitLog("ALERT CRITICAL " + name, Duration.ofSeconds(40));
            Instant alerted = Instant.now();

            Mails.Mail mail = new Mails(SMTP).await(name, "CRITICAL", Duration.ofSeconds(15));
            assertEquals("team@example.com", mail.to());
            assertTrue(Duration.between(alerted, Instant.now()).toSeconds() < 10, "the hanging webhook delayed the email");

            await().atMost(Duration.ofSeconds(40)).until(() -> !flakyBodies.isEmpty());
            String json = flakyBodies.get(0);
            assertTrue(json.contains("\"version\":1") && json.contains("\"container\":\"" + name + "\""), json);
            assertTrue(json.contains("\"text\":"), json);
            // the delivery loop's next few goes: nothing more
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertEquals(2, flakyCalls.get(), "one failed try, one delivery, nothing more");
                assertEquals(1, new Mails(SMTP).about(name).size());
            });
        }
    }

    @Test
    void fortyContainersFailingAtOnceMakeOneMessagePerRoute(@TempDir Path workDir) throws Exception {
        String run = SandboxEngine.unique("grp");
        List<String> teamA = IntStream.range(0, 20).mapToObj(i -> run + "-a-" + i).toList();
        List<String> teamB = IntStream.range(0, 20).mapToObj(i -> run + "-b-" + i).toList();
        ExecutorService parallel = Executors.newFixedThreadPool(8);
        // forty health checks every 500 ms would keep two cores busy with execs and spread the containers' turns to
        // unhealthy over a minute; every 3 s, beside other test JVMs, they still loaded the machine to a load average
        // of 70: every 8 s they turn within one interval of each other, well inside the group wait
        List<String> ids = parallel.invokeAll(Stream.concat(teamA.stream(), teamB.stream())
                        .map(name -> (java.util.concurrent.Callable<String>) () -> ENGINE.startMonitored(name,
                                Duration.ofSeconds(8))).toList())
                .stream().map(DeliveryIT::get).toList();

        try (MonitorProcess monitor = MonitorProcess.started(workDir, Map.of("DOCKER_HOST", ENGINE.dockerHost,
                "SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(SMTP.getSmtp().getPort()),
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com",
                "CONTAINER_ALERT_ROUTING", run + "-a-*:team-a@example.com;" + run + "-b-*:team-b@example.com",
                // wide enough for the forty turns on a busy machine, where their checks run seconds late
                "ALERT_GROUP_WAIT_SEC", "30",
                "HEALTH_CHECK_INTERVAL_SEC", "1", "WAIT_AND_CHECK_AGAIN_MIN", "0.05"))) {
            parallel.invokeAll(ids.stream().map(id -> (java.util.concurrent.Callable<Void>) () -> {
                ENGINE.makeUnhealthy(id);
                return null;
            }).toList());

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> messagesTo("team-a@example.com").size() + messagesTo("team-b@example.com").size() >= 2);
            // a group that split would send its second message within seconds of its first
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() ->
                    messagesTo("team-a@example.com").size() + messagesTo("team-b@example.com").size() == 2);
            List<Mails.Mail> toA = messagesTo("team-a@example.com");
            List<Mails.Mail> toB = messagesTo("team-b@example.com");
            assertEquals(1, toA.size(), () -> "team A got " + toA.stream().map(Mails.Mail::subject).toList());
            assertEquals(1, toB.size(), () -> "team B got " + toB.stream().map(Mails.Mail::subject).toList());
            assertTrue(toA.get(0).subject().startsWith("CRITICAL: 20 containers on "), toA.get(0).subject());
            // "healthy → unhealthy", or "unknown → unhealthy" for one whose healthcheck timed out on this loaded machine
            // before the monitor's first poll: either way every container is listed once
            teamA.forEach(name -> assertTrue(toA.get(0).body().matches("(?s).*\\] " + name + ": \\w+ → unhealthy.*"), name));
            teamB.forEach(name -> assertTrue(toB.get(0).body().matches("(?s).*\\] " + name + ": \\w+ → unhealthy.*"), name));
        } finally {
            parallel.shutdownNow();
        }
    }

    private static List<Mails.Mail> messagesTo(String address) {
        return new Mails(SMTP).all().stream().filter(mail -> mail.to().equals(address)).toList();
    }

    private static <T> T get(java.util.concurrent.Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
