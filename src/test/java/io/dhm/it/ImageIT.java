package io.dhm.it;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container image, as operators run it: built from the project's Dockerfile on the sandbox engine (its base the
 * local JRE 17 image of scripts/jre-base-image.sh, DHM_BASE_IMAGE), run as its own non-root user with the engine's
 * socket mounted read-only and the socket's group added, its working directory a named volume, on the host's network
 * so that the in-process SMTP server on 127.0.0.1 is reachable. It becomes healthy through its own HEALTHCHECK, mails a
 * confirmed CRITICAL for a failing container, keeps an undelivered alert in its outbox across a `docker restart` and
 * delivers it once, and stops cleanly on `docker stop`. Without the socket it says so in one line and reports
 * unhealthy instead of exiting.
 */
@Tag("alone") // a JVM in a container, timed by the image's own checks: beside other forks it took 109 s to be ready
class ImageIT {

    static final SandboxEngine ENGINE = new SandboxEngine();
    static final String IMAGE = "docker-health-monitor:it";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final List<String> CREATED = new ArrayList<>();
    /** The named volumes of the monitors' /data: one each, as two monitors never share a store. */
    static final List<String> VOLUMES = new ArrayList<>();

    @BeforeAll
    static void build() {
        String base = System.getenv("DHM_BASE_IMAGE");
        if (base == null || base.isBlank()) {
            throw new IllegalStateException("DHM_BASE_IMAGE is not set: make the base with scripts/jre-base-image.sh"
                    + " build and export what its env command prints (scripts/test.sh does both)");
        }
        long start = System.nanoTime();
        String imageId = ENGINE.client.buildImageCmd(new File("."))
                .withDockerfile(new File("Dockerfile"))
                .withBuildArg("BASE_IMAGE", base)
                .withTags(Set.of(IMAGE))
                .withNetworkMode("none")
                .withPull(false)
                .exec(new BuildImageResultCallback())
                .awaitImageId(5, TimeUnit.MINUTES);
        long size = ENGINE.client.inspectImageCmd(imageId).exec().getSize();
        System.out.printf("ImageIT: built %s from %s in %.1f s, %d MB%n", IMAGE, base, (System.nanoTime() - start) / 1e9,
                size / 1_000_000);
    }

    @AfterAll
    static void cleanUp() {
        for (String id : CREATED) {
            try {
                ENGINE.client.removeContainerCmd(id).withForce(true).exec();
            } catch (NotFoundException gone) {
                // already removed
            }
        }
        ENGINE.removeTestContainers();
        for (String volume : VOLUMES) {
            try {
                ENGINE.client.removeVolumeCmd(volume).exec();
            } catch (NotFoundException gone) {
                // never created
            }
        }
    }

    private static Path socket() {
        return Path.of(URI.create(ENGINE.dockerHost.replace("unix://", "file://")).getPath());
    }

    /** How a monitor's container gets the engine's socket. */
    enum Socket { WITH_ITS_GROUP, WITHOUT_ITS_GROUP, NONE }

    /** A monitor's container: the socket read-only (as told), a named volume of its own, the host's network. */
    private static String runMonitor(int httpPort, int smtpPort, Socket socket, HealthCheck health) throws Exception {
        String volume = SandboxEngine.unique("dhm-it-data");
        VOLUMES.add(volume);
        List<Bind> binds = new ArrayList<>(List.of(new Bind(volume, new Volume("/data"))));
        HostConfig host = HostConfig.newHostConfig().withNetworkMode("host");
        if (socket != Socket.NONE) {
            binds.add(new Bind(socket().toString(), new Volume("/var/run/docker.sock"), AccessMode.ro));
        }
        if (socket == Socket.WITH_ITS_GROUP) {
            host.withGroupAdd(List.of(String.valueOf(Files.getAttribute(socket(), "unix:gid"))));
        }
        var create = ENGINE.client.createContainerCmd(IMAGE)
                .withName(SandboxEngine.unique("monitor-image"))
                .withEnv("SMTP_HOST=127.0.0.1", "SMTP_PORT=" + smtpPort, "HEALTH_CHECK_ALERT_EMAILS=ops@example.com",
                        "HTTP_HOST=127.0.0.1", "HTTP_PORT=" + httpPort, "HEALTH_CHECK_INTERVAL_SEC=1",
                        "WAIT_AND_CHECK_AGAIN_MIN=0.05", "ALERT_GROUP_WAIT_SEC=0")
                .withHostConfig(host.withBinds(binds));
        if (health != null) {
            create.withHealthcheck(health);
        }
        String id = create.exec().getId();
        CREATED.add(id);
        ENGINE.client.startContainerCmd(id).exec();
        return id;
    }

    private static InspectContainerResponse inspect(String id) {
        return ENGINE.client.inspectContainerCmd(id).exec();
    }

    private static String health(String id) {
        InspectContainerResponse.ContainerState state = inspect(id).getState();
        return state.getHealth() == null ? "none" : state.getHealth().getStatus();
    }

    private static String logs(String id) throws InterruptedException {
        StringBuilder text = new StringBuilder();
        ENGINE.client.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (text) {
                    text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        }).awaitCompletion(10, TimeUnit.SECONDS);
        synchronized (text) {
            return text.toString();
        }
    }

    private static void awaitLog(String id, String text, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> logs(id).contains(text));
    }

    private static int readiness(int httpPort) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/observe/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void theImageBecomesHealthyAlertsKeepsItsOutboxAcrossARestartAndStopsCleanly() throws Exception {
        int httpPort = MonitorProcess.freePort();
        int smtpPort = MonitorProcess.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            long started = System.nanoTime();
            String monitor = runMonitor(httpPort, smtpPort, Socket.WITH_ITS_GROUP, null);
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> readiness(httpPort) == 200);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("readiness never UP; the container's log:\n" + logs(monitor), e);
            }
            double readyAfter = (System.nanoTime() - started) / 1e9;
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> "healthy".equals(health(monitor)));
            System.out.printf("ImageIT: readiness UP %.1f s after docker start; the HEALTHCHECK said healthy after %.1f s%n",
                    readyAfter, (System.nanoTime() - started) / 1e9);
            assertEquals("10001", inspect(monitor).getConfig().getUser(), "not root");

            String failing = SandboxEngine.unique("demo-failing");
            String failingId = ENGINE.startMonitored(failing);
            ENGINE.awaitHealth(failingId, "healthy");
            ENGINE.makeUnhealthy(failingId);
            Mails.Mail critical = new Mails(smtp).await(failing, "CRITICAL", Duration.ofSeconds(60));
            assertTrue(critical.body().contains("healthy → unhealthy"), critical.body());

            // the mail server goes away with an alert to send; the monitor's container restarts meanwhile
            smtp.stop();
            String undelivered = SandboxEngine.unique("demo-outbox");
            String undeliveredId = ENGINE.startMonitored(undelivered);
            ENGINE.awaitHealth(undeliveredId, "healthy");
            ENGINE.makeUnhealthy(undeliveredId);
            awaitLog(monitor, "via smtp to ops@example.com (try 1)", Duration.ofSeconds(60));
            ENGINE.client.restartContainerCmd(monitor).withTimeout(10).exec();
            awaitLog(monitor, "alert deliveries are pending from before the restart", Duration.ofSeconds(120));
            smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            new Mails(smtp).await(undelivered, "CRITICAL", Duration.ofSeconds(90));
            GreenMail restarted = smtp;
            // the sender's next few goes: nothing more
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertEquals(1, new Mails(restarted).about(undelivered).stream()
                            .filter(mail -> mail.subject().startsWith("CRITICAL")).count(), "delivered once, after the restart"));

            long stopping = System.nanoTime();
            ENGINE.client.stopContainerCmd(monitor).withTimeout(10).exec();
            double stoppedAfter = (System.nanoTime() - stopping) / 1e9;
            InspectContainerResponse.ContainerState state = inspect(monitor).getState();
            System.out.printf("ImageIT: docker stop took %.1f s, exit code %d%n", stoppedAfter, state.getExitCodeLong());
            assertEquals(0L, state.getExitCodeLong(), logs(monitor));
            assertTrue(stoppedAfter < 10, "stopped within the stop timeout: " + stoppedAfter + " s");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void withoutTheSocketOrItsGroupItSaysSoOnceAndReportsUnhealthyInsteadOfExiting() throws Exception {
        assertSaidOnceAndUnhealthy(Socket.NONE, "The socket /var/run/docker.sock does not exist: in a container, mount"
                + " the engine's socket (-v /var/run/docker.sock:/var/run/docker.sock)");
        assertSaidOnceAndUnhealthy(Socket.WITHOUT_ITS_GROUP, "The socket /var/run/docker.sock is not readable and"
                + " writable by the monitor's user: run it with the socket's group (docker run --group-add $(stat -c %g"
                + " /var/run/docker.sock), or group_add in compose)");
    }

    private static void assertSaidOnceAndUnhealthy(Socket socket, String line) throws Exception {
        int httpPort = MonitorProcess.freePort();
        // the image's own check, asked more often so that the test need not wait for the image's start period
        HealthCheck quick = new HealthCheck()
                .withTest(inspectImageHealthTest())
                .withInterval(TimeUnit.SECONDS.toNanos(2)).withTimeout(TimeUnit.SECONDS.toNanos(10)).withRetries(2)
                .withStartPeriod(TimeUnit.SECONDS.toNanos(1));
        String monitor = runMonitor(httpPort, MonitorProcess.freePort(), socket, quick);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> "unhealthy".equals(health(monitor)));

        assertTrue(inspect(monitor).getState().getRunning(), "still running: " + logs(monitor));
        assertEquals(0, inspect(monitor).getRestartCount());
        // on a busy machine the image's quick check may find it unhealthy before the JVM has said why
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> logs(monitor).contains(line));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertEquals(1, logs(monitor).split(java.util.regex.Pattern.quote(line), -1).length - 1,
                        "said once: " + logs(monitor)));
        // the image's check may call it unhealthy while the HTTP server is still starting: wait for its answer
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> readiness(httpPort) != -1);
        assertEquals(503, readiness(httpPort));
        ENGINE.client.removeContainerCmd(monitor).withForce(true).exec();
    }

    @Test
    void theComposeExampleIsValidForComposeAndPublishesTheDashboardOnTheLoopbackOnly(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path examples = Files.createDirectories(dir.resolve("examples"));
        Files.copy(Path.of("examples", "compose.yaml"), examples.resolve("compose.yaml"));
        Files.copy(Path.of("examples", ".env.example"), examples.resolve(".env")); // as the file's header says
        Process config = new ProcessBuilder("docker-compose", "config").directory(examples.toFile())
                .redirectErrorStream(true).start();
        String resolved = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, config.waitFor(), resolved);
        assertTrue(resolved.contains("- 127.0.0.1:8080:8080/tcp"), resolved);
        assertTrue(resolved.contains("- /var/run/docker.sock:/var/run/docker.sock:ro"), resolved);
        assertTrue(resolved.contains("SMTP_HOST: smtp.example.com"), "the mail settings come from .env: " + resolved);
        assertTrue(resolved.contains("group_add:\n    - '999'"), resolved);
    }

    private static List<String> inspectImageHealthTest() {
        return ENGINE.client.inspectImageCmd(IMAGE).exec().getConfig().getHealthcheck().getTest();
    }
}
