package io.dhm.signal;

import io.dhm.config.WatchSettings;
import io.dhm.engine.ContainerView;
import io.dhm.history.History;
import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Log signals (ECONNRESET piling up until the app hangs). Every HEALTH_CHECK_INTERVAL_SEC the log-patterns
 * route hands each running container here; its new output lines are read and those matching its pattern counted
 * (LOG_PATTERN for every container, or the container's own {@code healthmonitor.log.pattern} label, with
 * {@code healthmonitor.log.count} and {@code healthmonitor.log.window.sec}). More than the count within the window
 * raises an ERROR alert with the matching lines (and, with LOG_PATTERN_HEAL or {@code healthmonitor.log.heal=true},
 * asks auto-heal for a restart); then counting starts over. Counting starts when the monitor first sees a container.
 */
public class LogPatternWatch {

    static final String PREFIX = "healthmonitor.log.";
    private static final Logger LOG = LoggerFactory.getLogger(LogPatternWatch.class);
    private static final int LINES_IN_ALERT = 20;

    private final WatchSettings settings;
    private final SignalContext context;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();

    /** One container's pattern, the last line read, and the matches within the window. */
    static final class Tally {
        final Rule rule;
        Instant lastLine;
        final Deque<Instant> matches = new ArrayDeque<>();
        final Deque<String> lines = new ArrayDeque<>();

        Tally(Rule rule, Instant start) {
            this.rule = rule;
            this.lastLine = start;
        }
    }

    /** A container's pattern rule. */
    record Rule(Pattern pattern, int count, Duration window, boolean heal) {

        /** Patterns have no equals of their own: the same rule is the same text and limits. */
        boolean sameAs(Rule other) {
            return pattern.pattern().equals(other.pattern.pattern()) && count == other.count
                    && window.equals(other.window) && heal == other.heal;
        }
    }

    public LogPatternWatch(WatchSettings settings, SignalContext context) {
        this.settings = settings;
        this.context = context;
    }

    /** Which running containers to read: every one when LOG_PATTERN is set, else those with a pattern label. */
    public List<ContainerView> watched() {
        List<ContainerView> running = context.docker().listRunning();
        tallies.keySet().retainAll(running.stream().map(ContainerView::id).toList());
        return running.stream().filter(container -> rule(container).isPresent()).toList();
    }

    /** Reads the container's new lines; returns the alert when the pattern passed its count, else null. */
    public Alert scan(ContainerView container) {
        Optional<Rule> rule = rule(container);
        if (rule.isEmpty()) {
            return null;
        }
        Instant now = context.clock().instant();
        Tally tally = tallies.compute(container.id(), (id, known) -> known != null && known.rule.sameAs(rule.get())
                ? known : new Tally(rule.get(), now));
        List<String> lines = context.docker().logLinesSince(container.id(), (int) tally.lastLine.getEpochSecond());
        synchronized (tally) {
            return count(tally, lines, now).map(matched -> alert(container, tally.rule, matched)).orElse(null);
        }
    }

    /** Counts the lines after the last one read; the matching lines when the count is passed within the window. */
    static Optional<List<String>> count(Tally tally, List<String> timestampedLines, Instant now) {
        for (String line : timestampedLines) {
            Instant at = timestamp(line);
            if (at == null || !at.isAfter(tally.lastLine)) {
                continue;
            }
            tally.lastLine = at;
            int space = line.indexOf(' ');
            String text = space < 0 ? "" : line.substring(space + 1);
            if (tally.rule.pattern().matcher(text).find()) {
                tally.matches.addLast(at);
                tally.lines.addLast(line);
                if (tally.lines.size() > LINES_IN_ALERT) {
                    tally.lines.removeFirst();
                }
            }
        }
        while (!tally.matches.isEmpty() && !tally.matches.peekFirst().plus(tally.rule.window()).isAfter(now)) {
            tally.matches.removeFirst();
        }
        while (!tally.lines.isEmpty() && !timestamp(tally.lines.peekFirst()).plus(tally.rule.window()).isAfter(now)) {
            tally.lines.removeFirst();
        }
        if (tally.matches.size() > tally.rule.count()) {
            List<String> matched = new ArrayList<>(tally.lines);
            tally.matches.clear();
            tally.lines.clear();
            return Optional.of(matched);
        }
        return Optional.empty();
    }

    /** The engine's timestamp at the start of a line, or null when there is none. */
    private static Instant timestamp(String line) {
        int space = line.indexOf(' ');
        try {
            return Instant.parse(space < 0 ? line : line.substring(0, space));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Alert alert(ContainerView container, Rule rule, List<String> matched) {
        String details = "Log pattern /" + rule.pattern().pattern() + "/ appeared more than " + rule.count()
                + " times within " + rule.window().toSeconds() + " s (" + matched.size() + " of the lines below)."
                + (rule.heal() && context.healer().selects(container) ? " Auto-heal will restart the container." : "");
        LOG.error("{} [{}]: log pattern /{}/ more than {} times within {} s", container.displayName(), container.projectLabel(),
                rule.pattern().pattern(), rule.count(), rule.window().toSeconds());
        context.history().record(History.Kind.SIGNAL, container, "log pattern /" + rule.pattern().pattern() + "/ passed "
                + rule.count(), null);
        if (rule.heal()) {
            context.healer().request(container, "logged /" + rule.pattern().pattern() + "/ more than " + rule.count() + " times");
        }
        return context.alerts().action(Severity.ERROR, container, "running", "log_pattern", details, String.join("\n", matched));
    }

    private Optional<Rule> rule(ContainerView container) {
        String own = container.label(PREFIX + "pattern");
        if (own == null && settings.logPattern().isEmpty()) {
            return Optional.empty();
        }
        try {
            Pattern pattern = own != null ? Pattern.compile(own) : settings.logPattern().get();
            String count = container.label(PREFIX + "count");
            String window = container.label(PREFIX + "window.sec");
            String heal = container.label(PREFIX + "heal");
            return Optional.of(new Rule(pattern,
                    count == null ? settings.logPatternCount() : Integer.parseInt(count.trim()),
                    window == null ? settings.logPatternWindow() : Duration.ofMillis(Math.round(1000 * Double.parseDouble(window.trim()))),
                    heal == null ? settings.logPatternHeal() : Boolean.parseBoolean(heal.trim())));
        } catch (RuntimeException e) {
            if (rejected.add(container.id())) {
                LOG.warn("{}: log pattern labels not usable, its log is not watched: {}", container.name(), e.getMessage());
            }
            return Optional.empty();
        }
    }
}
