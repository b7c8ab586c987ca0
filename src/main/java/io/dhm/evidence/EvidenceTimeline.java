package io.dhm.evidence;

import io.dhm.alert.Alert;
import io.dhm.alert.Evidence;
import io.dhm.engine.ContainerState;
import io.dhm.engine.Engine;
import io.dhm.engine.EngineUnavailableException;
import io.dhm.history.History;
import io.dhm.resource.ResourceSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The evidence timeline of a problem alert (route {@code evidence}): over EVIDENCE_WINDOW_MIN before the alert, the
 * health checks the engine kept with their exit codes and output, the container's exits, OOM kills, starts and image
 * changes, the status changes, auto-heal actions, custom-check results and signals the monitor recorded, and CPU and
 * memory readings when a resource alert is about them; last, the container's state when the alert was made. Oldest
 * first, at most {@value #MOST} rows. Outputs follow the rules of the log excerpt: none when HEALTH_CHECK_LOG_LINES is
 * 0, else their last lines, cut short.
 */
public class EvidenceTimeline {

    static final int MOST = 30;
    static final int OUTPUT_LIMIT = 500;
    private static final int HISTORY_ROWS = 500;
    private static final int RESOURCE_ROWS = 5;
    private static final String EXITED = "exited with code ";
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceTimeline.class);

    private final Engine engine;
    private final History history;
    private final Function<String, List<ResourceSample>> resources;
    private final Duration window;
    private final int outputLines;
    private final Clock clock;

    /**
     * @param resources   the recent CPU and memory samples of a container, by name
     * @param outputLines HEALTH_CHECK_LOG_LINES: how many lines of a health check's output to keep (0 = none)
     */
    public EvidenceTimeline(Engine engine, History history, Function<String, List<ResourceSample>> resources,
                            Duration window, int outputLines, Clock clock) {
        this.engine = engine;
        this.history = history;
        this.resources = resources;
        this.window = window;
        this.outputLines = outputLines;
        this.clock = clock;
    }

    /**
     * The alert with its timeline, for a problem alert that has none yet. Evidence that cannot be gathered (the engine
     * or the database is down) never holds up the alert: the timeline then says what is missing.
     */
    public Alert attach(Alert alert) {
        if (!alert.problem() || !alert.timeline().isEmpty() || alert.containerId() == null || alert.containerId().isEmpty()) {
            return alert;
        }
        Instant until = alert.time() == null ? clock.instant() : alert.time().toInstant();
        return alert.withTimeline(of(alert.containerId(), alert.qualifiedContainer(), alert.toStatus(), until));
    }

    /** The timeline of one container up to {@code until}; {@code signal} is the alert's status ("cpu_critical", ...). */
    public List<Evidence> of(String containerId, String name, String signal, Instant until) {
        Instant from = until.minus(window);
        List<Evidence> rows = new ArrayList<>();
        Optional<ContainerState> state = engineState(containerId, rows, until);
        state.ifPresent(kept -> rows.addAll(engineRows(kept, from)));
        rows.addAll(historyRows(name, from, rows, until));
        if (signal != null && (signal.startsWith("cpu_") || signal.startsWith("memory_"))) {
            rows.addAll(resourceRows(name, from));
        }
        List<Evidence> timeline = new ArrayList<>();
        for (Evidence row : rows.stream().filter(row -> !row.at().isAfter(until)).sorted(Comparator.comparing(Evidence::at)).toList()) {
            if (timeline.isEmpty() || !repeats(timeline.get(timeline.size() - 1), row)) {
                timeline.add(row);
            }
        }
        int room = MOST - 2; // one row says how many were left out, one is the state
        if (timeline.size() > room) {
            int left = timeline.size() - room;
            timeline.subList(0, left).clear();
            timeline.add(0, new Evidence(timeline.get(0).at(), "monitor", left + " earlier rows left out", "", null));
        }
        state.ifPresent(kept -> timeline.add(now(kept, until)));
        return timeline;
    }

    /** The engine sends one oom event per process the kernel kills: the same row again within seconds says nothing new. */
    private static boolean repeats(Evidence before, Evidence row) {
        return before.kind().equals(row.kind()) && before.summary().equals(row.summary()) && before.detail().equals(row.detail())
                && Duration.between(before.at(), row.at()).compareTo(Duration.ofSeconds(5)) <= 0
                && !row.kind().equals("health");
    }

    private Optional<ContainerState> engineState(String containerId, List<Evidence> rows, Instant until) {
        try {
            return engine.state(containerId);
        } catch (EngineUnavailableException e) {
            rows.add(new Evidence(until, "monitor", "the engine did not answer: its health checks and exits are missing here",
                    e.getMessage(), null));
            return Optional.empty();
        }
    }

    private List<Evidence> engineRows(ContainerState state, Instant from) {
        List<Evidence> rows = new ArrayList<>();
        for (ContainerState.Probe probe : state.probes()) {
            if (probe.start() != null && !probe.start().isBefore(from)) {
                rows.add(new Evidence(probe.start(), "health", probe.exitCode() == 0 ? "health check passed"
                        : "health check failed, exit code " + probe.exitCode(), output(probe.output()), probe.exitCode()));
            }
        }
        if (state.startedAt() != null && !state.startedAt().isBefore(from)) {
            rows.add(new Evidence(state.startedAt(), "start", "started"
                    + (state.restartCount() > 0 ? " (restart count " + state.restartCount() + ")" : ""), "", null));
        }
        if (state.finishedAt() != null && !state.finishedAt().isBefore(from) && !state.running()) {
            rows.add(new Evidence(state.finishedAt(), "exit", exit(state), state.error(), state.exitCode()));
        }
        return rows;
    }

    private static String exit(ContainerState state) {
        return "exited with code " + state.exitCode() + (state.oomKilled() ? ", OOMKilled" : "");
    }

    /**
     * The monitor's own rows. The engine's account of the last exit and start is fuller (OOMKilled, the restart
     * count), so the same exit or start recorded from an event is left out.
     */
    private List<Evidence> historyRows(String name, Instant from, List<Evidence> engineRows, Instant until) {
        List<History.Entry> entries;
        try {
            entries = history.since(name, from, HISTORY_ROWS);
        } catch (SQLException e) {
            LOG.warn("The history of {} could not be read for its alert's timeline: {}", name, e.getMessage());
            return List.of(new Evidence(until, "monitor", "the history could not be read: the monitor's own rows are missing",
                    e.getMessage(), null));
        }
        List<Evidence> rows = new ArrayList<>();
        String image = null;
        History.Entry lastCheck = null;
        for (History.Entry entry : entries) {
            switch (entry.kind()) {
                // "healthy → unhealthy (UNHEALTHY)": the change's name in parentheses is the monitor's own word
                case TRANSITION -> rows.add(new Evidence(entry.at(), "status", entry.detail().replaceFirst(" \\([A-Z_]+\\)$", ""),
                        "", null));
                case HEAL -> rows.add(new Evidence(entry.at(), "heal", entry.detail(), "", null));
                case SIGNAL -> rows.add(new Evidence(entry.at(), "signal", entry.detail(), "", null));
                case CHECK -> {
                    // a check that keeps its result is one row: the first of each run of passes or failures
                    if (lastCheck == null || passed(lastCheck) != passed(entry)) {
                        rows.add(new Evidence(entry.at(), "check", entry.detail(), "", null));
                    }
                    lastCheck = entry;
                }
                case EVENT -> {
                    String started = "started from image ";
                    if (entry.detail().startsWith(started)) {
                        String now = entry.detail().substring(started.length());
                        if (image != null && !image.equals(now)) {
                            rows.add(new Evidence(entry.at(), "image", "image changed: " + image + " → " + now, "", null));
                        }
                        image = now;
                        if (!sameTime(engineRows, "start", entry.at())) {
                            rows.add(new Evidence(entry.at(), "start", "started", "", null));
                        }
                    } else if (entry.detail().startsWith(EXITED)) {
                        if (!sameTime(engineRows, "exit", entry.at())) {
                            rows.add(new Evidence(entry.at(), "exit", entry.detail(), "", exitCode(entry.detail())));
                        }
                    } else {
                        rows.add(new Evidence(entry.at(), "oom", entry.detail(), "", null));
                    }
                }
                default -> {
                    // dead letters are about the monitor's own steps, not the container
                }
            }
        }
        return rows;
    }

    /** The code of History's "exited with code 3", or null when the event did not say. */
    private static Long exitCode(String exited) {
        try {
            return Long.valueOf(exited.substring(EXITED.length()).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean passed(History.Entry check) {
        return check.detail().contains(": passed");
    }

    /** The engine's rows carry the same moment to the nanosecond; an event's row is within a second or two of it. */
    private static boolean sameTime(List<Evidence> engineRows, String kind, Instant at) {
        return engineRows.stream().anyMatch(row -> row.kind().equals(kind)
                && Duration.between(row.at(), at).abs().compareTo(Duration.ofSeconds(2)) <= 0);
    }

    private List<Evidence> resourceRows(String name, Instant from) {
        List<ResourceSample> samples = resources.apply(name).stream().filter(sample -> !sample.at().isBefore(from)).toList();
        return samples.subList(Math.max(0, samples.size() - RESOURCE_ROWS), samples.size()).stream()
                .map(sample -> new Evidence(sample.at(), "resource", String.format(Locale.ROOT,
                        "CPU %.1f %%, memory %.1f %% of %d MiB", sample.cpuPercent(), sample.memoryPercent(),
                        sample.memoryLimitBytes() >> 20), "", null))
                .toList();
    }

    private static Evidence now(ContainerState state, Instant until) {
        StringBuilder summary = new StringBuilder(!state.running() && state.finishedAt() != null ? exit(state) : state.status());
        if (state.running() && state.failingStreak() > 0) {
            summary.append(", health check failed ").append(state.failingStreak()).append(" times in a row");
        }
        summary.append(", restart count ").append(state.restartCount());
        return new Evidence(until, "state", summary.toString(), "", state.running() ? null : state.exitCode());
    }

    /** A health check's output under the log excerpt's rules: its last HEALTH_CHECK_LOG_LINES lines, cut short. */
    private String output(String text) {
        if (outputLines == 0 || text.isEmpty()) {
            return "";
        }
        List<String> lines = text.lines().toList();
        String kept = String.join("\n", lines.subList(Math.max(0, lines.size() - outputLines), lines.size()));
        return kept.length() <= OUTPUT_LIMIT ? kept : kept.substring(0, OUTPUT_LIMIT - 1) + "…";
    }
}
