package io.dhm.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** What the benchmarks share: the machine they ran on, percentiles, quiet logging, a `docker exec`. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** CPU, cores, memory, Docker and Java versions and the load, for the README next to the figures. */
    static String machineLine(DockerClient client) throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst().orElse("?");
        double ramGiB = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElse(0) / 1024.0 / 1024.0;
        Info info = client.infoCmd().exec();
        Version version = client.versionCmd().exec();
        return String.format("Machine: nproc %d, CPU %s, RAM %.1f GiB, Docker server %s (API %s, storage %s), Java %s, "
                        + "load average %s at start",
                Runtime.getRuntime().availableProcessors(), cpu, ramGiB, version.getVersion(), version.getApiVersion(),
                info.getDriver(), System.getProperty("java.version"), loadAverage());
    }

    /** 1-minute load average: the host may be shared (other builds, the integration tests' engine). */
    static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** Nearest-rank percentile (sorts a copy); 0 is the min, 100 the max. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** Log only warnings, to stderr, and write no logs/monitor.log into the working directory. */
    static void quietLogging() {
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.add(b.newAppender("stderr", "Console").addAttribute("target", "SYSTEM_ERR")
                .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d{HH:mm:ss.SSS} %-5level %c{1} - %msg%n")));
        b.add(b.newRootLogger(Level.WARN).add(b.newAppenderRef("stderr")));
        Configurator.initialize(b.build());
    }

    static void exec(DockerClient client, String id, String... command) throws InterruptedException {
        String execId = client.execCreateCmd(id).withCmd(command).exec().getId();
        if (!client.execStartCmd(execId).exec(new ResultCallback.Adapter<>()).awaitCompletion(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("exec " + String.join(" ", command) + " did not finish");
        }
    }
}
