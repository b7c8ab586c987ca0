package io.dhm.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A running camel-estate and what it logged: its routes' transitions and what its sinks (logs) got. */
final class EstateProcess implements AutoCloseable {

    private static final Pattern TRANSITION = Pattern.compile(" estate-transitions +- transition (\\{.*})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;

    private EstateProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Waits until {@code sources} first polls are done: the baseline is taken, changes are reported from now on. */
    static EstateProcess started(Process process, Path log, int sources) {
        EstateProcess estate = new EstateProcess(process, log);
        try {
            // generous: on a loaded 2-core machine a JVM start can take long
            estate.await(() -> estate.output().split("docker-health-source: watching ", -1).length > sources,
                    Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            estate.close();
            throw e;
        }
        return estate;
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void await(Callable<Boolean> condition, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                .failFast("the estate exited; see " + log, () -> !process.isAlive())
                .until(condition);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Every transition the routes logged for a container, parsed from its JSON. */
    List<Map<String, Object>> transitions(String container) throws IOException {
        return parsed(TRANSITION, container);
    }

    /** Every transition the Pipe's sink got for a container. */
    List<Map<String, Object>> piped(String container) throws IOException {
        return sunk("estate-pipe", container);
    }

    /** Every transition a log: sink (log:{@code logger}?showExchangePattern=false&showBodyType=false) got for a container. */
    List<Map<String, Object>> sunk(String logger, String container) throws IOException {
        return parsed(Pattern.compile(" " + Pattern.quote(logger) + " +- Exchange\\[Body: (\\{.*})]"), container);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> parsed(Pattern line, String container) throws IOException {
        List<Map<String, Object>> found = new ArrayList<>();
        Matcher json = line.matcher(output());
        while (json.find()) {
            Map<String, Object> transition = JSON.readValue(json.group(1), Map.class);
            if (container.equals(transition.get("container"))) {
                found.add(transition);
            }
        }
        return found;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
