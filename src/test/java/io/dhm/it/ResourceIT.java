package io.dhm.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.DoubleStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resource signals end to end: the packaged jar samples real busybox containers on the sandbox engine every second
 * and alerts a CPU or memory level held for 4 s (RESOURCE_SUSTAINED_SEC), by email.
 */
@Tag("alone") // its containers must have a whole CPU to burn: run after the other integration tests, alone (pom.xml)
class ResourceIT extends EmailedMonitor {

    static final Duration SUSTAINED = Duration.ofSeconds(4);
    /** Burns one CPU until /tmp/stop exists, then idles. */
    static final String BURN = "while [ ! -f /tmp/stop ]; do :; done; sleep 1000";

    @BeforeAll
    static void start() throws Exception {
        startMonitor(Map.of(
                "STATS_INTERVAL_SEC", "1",
                "RESOURCE_SUSTAINED_SEC", String.valueOf(SUSTAINED.toSeconds())));
    }

    private static String metrics() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitor.httpPort()
                + "/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aContainerBurningCpuRaisesAConfirmedAlertAndARecoveryWhenItStops() throws Exception {
        String name = SandboxEngine.unique("burner");
        Instant started = Instant.now();
        String id = engine.startMonitoredRunning(name, BURN, 0);

        // one CPU busy is CRITICAL (90); on a loaded machine it may only get WARNING's share (80), still an alert
        await().atMost(Duration.ofSeconds(60)).until(() -> mails.about(name).stream().anyMatch(mail -> mail.subject().endsWith("High CPU")));
        Mails.Mail alert = mails.about(name).stream().filter(mail -> mail.subject().endsWith("High CPU")).findFirst().orElseThrow();
        assertTrue(alert.body().matches("(?s).*Status Change:   cpu_ok → cpu_(critical|warning).*"), alert.body());
        assertTrue(alert.body().matches("(?s).*CPU at \\d+\\.\\d % \\(100 % = one CPU\\), (critical|warning) for at least 4 s.*"), alert.body());
        assertTrue(Duration.between(started, Instant.now()).compareTo(SUSTAINED) >= 0, "alerted before the level was held");
        assertTrue(metrics().contains("dhm_container_cpu_percent{container=\"" + name + "\",engine=\"local\",project=\"standalone\"}"));
        JsonNode series = new ApiClient(monitor.httpPort(), null).get("/api/containers/" + name + "/resources").json();
        assertTrue(series.path("recent").size() >= 2, series.toString()); // a stats call takes the engine about 2 s
        assertTrue(series.path("recent").get(series.path("recent").size() - 1).path("cpuPercent").asDouble() > 50, series.toString());

        engine.exec(id, "touch", "/tmp/stop");
        Mails.Mail recovery = mails.await(name, "INFO", Duration.ofSeconds(60));
        assertTrue(recovery.subject().endsWith("CPU back to normal"), recovery.subject());
        assertTrue(recovery.body().contains("back below its threshold"), recovery.body());
    }

    @Test
    void theCgroupReadingsAgreeWithDockerStatsOnABusyAndAnIdleContainer() throws Exception {
        assertTrue(Pattern.compile("Resource readings: from the cgroup files under /sys/fs/cgroup \\(cgroup v[12]\\), no engine call")
                .matcher(monitor.output()).find(), "the monitor reads the cgroup files");
        String busy = SandboxEngine.unique("agree-busy");
        String idle = SandboxEngine.unique("agree-idle");
        // 8 MB in tmpfs each, so that a few pages more or less (the shell's own) are not most of the figure
        String fill = "busybox head -c 8000000 /dev/zero > /dev/shm/fill; ";
        engine.startMonitoredRunning(busy, fill + "while :; do :; done", 0);
        engine.startMonitoredRunning(idle, fill + "sleep 1000", 0);
        for (String name : List.of(busy, idle)) {
            lastReading(name, Instant.EPOCH, 4); // settled: a few seconds after the start
            // medians of five readings each over the same seconds: the container's healthcheck runs every second and
            // adds its processes and pages for a moment to whichever reading catches it
            Instant from = Instant.now();
            List<String[]> docker = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                docker.add(dockerStats(name)); // CPU %, memory used, memory limit, pids
            }
            lastReading(name, Instant.now(), 1);
            List<JsonNode> mine = new ArrayList<>();
            new ApiClient(monitor.httpPort(), null).get("/api/containers/" + name + "/resources").json().path("recent")
                    .forEach(reading -> {
                        if (Instant.parse(reading.path("at").asText()).isAfter(from)) {
                            mine.add(reading);
                        }
                    });
            double cpu = median(mine.stream().mapToDouble(r -> r.path("cpuPercent").asDouble()));
            double dockerCpu = median(docker.stream().mapToDouble(d -> Double.parseDouble(d[0])));
            double memory = median(mine.stream().mapToDouble(r -> r.path("memoryBytes").asDouble()));
            double dockerMemory = median(docker.stream().mapToDouble(d -> bytes(d[1])));
            String both = String.format(Locale.ROOT, "%s: monitor cpu %.1f %% memory %.0f (%d readings), docker stats cpu %.1f %%"
                    + " memory %.0f", name, cpu, memory, mine.size(), dockerCpu, dockerMemory);
            if (name.equals(busy)) {
                // one CPU busy, as far as a loaded 2-core machine lets it be (other work takes its share: both readings
                // see the same share); the two take their second at different moments
                assertTrue(cpu > 25 && dockerCpu > 25 && Math.abs(cpu - dockerCpu) < 15, both);
            } else {
                // idle but for its healthcheck, which runs in the container's cgroup every second and costs more on
                // a loaded machine: far below the busy one, and the two readings close
                assertTrue(cpu < 15 && dockerCpu < 15 && Math.abs(cpu - dockerCpu) < 4, both);
            }
            assertEquals(dockerMemory, memory, 0.03 * dockerMemory, both);
            assertEquals(bytes(docker.get(0)[2]), mine.get(0).path("memoryLimitBytes").asDouble(), 0.01 * bytes(docker.get(0)[2]), both);
            // the healthcheck's exec runs in the container's cgroup every 500 ms: one reading may count it, the other not
            assertEquals(median(docker.stream().mapToDouble(d -> Double.parseDouble(d[3]))),
                    median(mine.stream().mapToDouble(r -> r.path("pids").asDouble())), 1.0, both);
        }
    }

    private static double median(DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** The monitor's newest sample of a container once it has {@code count} samples and the newest is after {@code after}. */
    private static JsonNode lastReading(String name, Instant after, int count) {
        ApiClient api = new ApiClient(monitor.httpPort(), null);
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode recent = api.get("/api/containers/" + name + "/resources").json().path("recent");
            JsonNode last = recent.size() >= count ? recent.get(recent.size() - 1) : null;
            return last != null && Instant.parse(last.path("at").asText()).isAfter(after) ? last : null;
        }, reading -> reading != null);
    }

    /** `docker stats --no-stream` of a container, with the CLI: CPU %, memory used, memory limit, pids. */
    private static String[] dockerStats(String name) throws IOException, InterruptedException {
        Process cli = new ProcessBuilder("docker", "stats", "--no-stream", "--format",
                "{{.CPUPerc}} {{.MemUsage}} {{.PIDs}}", name).redirectErrorStream(true).start();
        cli.getOutputStream().close();
        String out = new String(cli.getInputStream().readAllBytes()).trim();
        assertEquals(0, cli.waitFor(), out);
        String[] fields = out.split("\\s+"); // 100.46% 1.188MiB / 23.54GiB 1
        return new String[] {fields[0].replace("%", ""), fields[1], fields[3], fields[4]};
    }

    private static double bytes(String size) {
        String[][] units = {{"GiB", "1073741824"}, {"MiB", "1048576"}, {"KiB", "1024"}, {"kB", "1000"}, {"B", "1"}};
        for (String[] unit : units) {
            if (size.endsWith(unit[0])) {
                return Double.parseDouble(size.substring(0, size.length() - unit[0].length())) * Long.parseLong(unit[1]);
            }
        }
        throw new IllegalArgumentException(size);
    }

    @Test
    void aContainerNearItsMemoryLimitRaisesAMemoryAlert() throws Exception {
        String name = SandboxEngine.unique("memory-hog");
        // 28 MB in tmpfs (counted as the container's memory) of a 32 MiB limit: about 85 %, above MEMORY_THRESHOLD 80
        engine.startMonitoredRunning(name, "busybox head -c 28000000 /dev/zero > /dev/shm/fill; sleep 1000", 32L * 1024 * 1024);

        Mails.Mail alert = mails.await(name, "WARNING", Duration.ofSeconds(60));
        assertTrue(alert.subject().endsWith("High memory"), alert.subject());
        assertTrue(alert.body().matches("(?s).*Memory at \\d+\\.\\d % of its limit \\(\\d+\\.\\d MiB of 32\\.0 MiB\\), warning.*"), alert.body());
    }

    @Test
    void aOneSampleSpikeIsNoAlert() throws Exception {
        String name = SandboxEngine.unique("spike");
        // one CPU busy for 2 s, shorter than RESOURCE_SUSTAINED_SEC, then idle
        engine.startMonitoredRunning(name, "(while :; do :; done) & busy=$!; sleep 2; kill $busy; sleep 1000", 0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> metrics().contains("dhm_container_cpu_percent{container=\"" + name + "\""));

        // the spike's samples and those after it, well past RESOURCE_SUSTAINED_SEC: never an alert
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12))
                .untilAsserted(() -> assertTrue(mails.about(name).isEmpty(), mails.about(name).toString()));
    }

    @Test
    void slowHttpResponsesRaiseALatencyAlertFromTheirP95() throws Exception {
        int port = MonitorProcess.freePort();
        String name = SandboxEngine.unique("slow-web");
        // busybox httpd with a CGI that answers after 1 s; checked every 0.5 s, p95 threshold 700 ms (critical 1400)
        engine.start(name, Map.of("healthmonitor.check.http", "http://127.0.0.1:" + port + "/cgi-bin/slow",
                        "healthmonitor.check.interval", "0.5", "healthmonitor.latency.p95.ms", "700"),
                "mkdir -p /www/cgi-bin && printf '#!/bin/sh\\nsleep 1\\necho Content-Type: text/plain\\necho\\necho ok\\n' "
                        + "> /www/cgi-bin/slow && chmod +x /www/cgi-bin/slow && exec httpd -f -p 127.0.0.1:" + port + " -h /www",
                false, true, null);

        Mails.Mail alert = mails.await(name, "WARNING", Duration.ofSeconds(60));
        assertTrue(alert.subject().endsWith("Slow responses"), alert.subject());
        assertTrue(alert.body().matches("(?s).*HTTP check p95 response time 1\\d{3} ms over the last 300 s \\(threshold 700 ms\\), warning.*"),
                alert.body());
    }
}
