package io.dhm.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Signals beyond Docker's own healthcheck: custom checks (CHECK_*, CUSTOM_CHECKS), restart loops (RESTART_LOOP_*),
 * log patterns (LOG_PATTERN*), and how long the per-container history is kept (HISTORY_RETENTION_HOURS).
 *
 * @param customChecks     CUSTOM_CHECKS rules: a container name glob and its check, for containers without labels
 * @param restartLoopCount more than this many engine restarts within restartLoopWindow is a restart loop (0 = off)
 * @param logPattern       a regular expression counted in every running container's output, when set
 */
public record WatchSettings(Duration checkInterval, Duration checkTimeout, int checkFailures, List<CheckRule> customChecks,
                            int restartLoopCount, Duration restartLoopWindow, boolean restartLoopHeal,
                            Optional<Pattern> logPattern, int logPatternCount, Duration logPatternWindow,
                            boolean logPatternHeal, Duration historyRetention) {

    /** One CUSTOM_CHECKS rule: {@code glob=http://...}, {@code glob=tcp://host:port} or {@code glob=exec:command}. */
    public record CheckRule(String nameGlob, String check) {
    }

    static WatchSettings read(Properties properties) {
        PropertyReader p = new PropertyReader(properties);
        return new WatchSettings(
                HealSettings.seconds(p, "check.interval.sec", false),
                HealSettings.seconds(p, "check.timeout.sec", false),
                (int) Math.max(1, p.wholeNumber("check.failures", 1000)),
                checkRules(p.optional("custom.checks").orElse("")),
                (int) p.wholeNumber("restart.loop.count", 100_000),
                HealSettings.seconds(p, "restart.loop.window.sec", false),
                p.flag("restart.loop.heal"),
                p.optional("log.pattern").map(regex -> pattern("LOG_PATTERN", regex)),
                (int) p.wholeNumber("log.pattern.count", 1_000_000),
                HealSettings.seconds(p, "log.pattern.window.sec", false),
                p.flag("log.pattern.heal"),
                Duration.ofHours(p.wholeNumber("history.retention.hours", 24 * 3650)));
    }

    /** A regular expression from a setting or a label, or an error naming where it came from. */
    public static Pattern pattern(String source, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidSettingException(source, "'" + regex + "' is not a regular expression: " + e.getDescription());
        }
    }

    private static List<CheckRule> checkRules(String text) {
        List<CheckRule> rules = new ArrayList<>();
        for (String rule : text.split(";")) {
            if (rule.isBlank()) {
                continue;
            }
            int equals = rule.indexOf('=');
            if (equals <= 0 || equals == rule.length() - 1) {
                throw new InvalidSettingException("CUSTOM_CHECKS", "'" + rule.trim() + "' is not name-glob=check"
                        + " (check: http://..., https://..., tcp://host:port or exec:command)");
            }
            rules.add(checkRule("CUSTOM_CHECKS", rule.substring(0, equals).trim(), rule.substring(equals + 1).trim()));
        }
        return List.copyOf(rules);
    }

    /** One rule, checked: a check that is not http://, https://, tcp:// or exec: is an error naming {@code source}. */
    public static CheckRule checkRule(String source, String nameGlob, String check) {
        if (nameGlob.isBlank() || !(check.startsWith("http://") || check.startsWith("https://")
                || check.startsWith("tcp://") || check.startsWith("exec:"))) {
            throw new InvalidSettingException(source, "'" + nameGlob + "=" + check + "' is not name-glob=check"
                    + " (check: http://..., https://..., tcp://host:port or exec:command)");
        }
        Glob.checked(source, nameGlob);
        return new CheckRule(nameGlob, check);
    }

    @Override
    public String toString() {
        return "customChecks=" + customChecks.size() + " rules (every " + checkInterval.toMillis() / 1000.0 + " s, "
                + checkFailures + " failures)"
                + ", restartLoop=" + (restartLoopCount == 0 ? "off" : ">" + restartLoopCount + " per " + restartLoopWindow.toSeconds() + " s")
                + ", logPattern=" + logPattern.map(Pattern::pattern).orElse("off");
    }
}
