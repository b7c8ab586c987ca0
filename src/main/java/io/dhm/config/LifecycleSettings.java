package io.dhm.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Which containers are watched and what their lifecycle gives (WATCH_SCOPE, STOP_NOTICES, STOP_NOTICE_WAIT_SEC,
 * PAUSE_WARNING_MIN, ALERT_SEVERITY).
 *
 * @param scope          "all", "health" or "labelled"
 * @param stopNotices    an INFO notice when the operator stops containers
 * @param stopNoticeWait how long a stopped container (or project) must stay stopped before the notice: a redeploy
 *                       that brings it back sooner is no stop
 * @param pauseWarning   a pause longer than this is a WARNING; zero = never
 * @param severities     cause → severity name, for the causes ALERT_SEVERITY names
 */
public record LifecycleSettings(String scope, boolean stopNotices, Duration stopNoticeWait, Duration pauseWarning,
                                Map<String, String> severities) {

    /** The causes whose severity ALERT_SEVERITY may set. */
    public static final List<String> CAUSES = List.of("unhealthy", "exited", "oom_killed", "crash_restarts", "not_found",
            "paused");
    private static final List<String> SEVERITIES = List.of("CRITICAL", "ERROR", "WARNING");
    private static final List<String> SCOPES = List.of("all", "health", "labelled");

    static LifecycleSettings read(Properties properties) {
        PropertyReader p = new PropertyReader(properties);
        String scope = p.text("watch.scope").toLowerCase(Locale.ROOT);
        if (!SCOPES.contains(scope)) {
            throw PropertyReader.invalid("watch.scope", "'" + scope + "' is not all, health or labelled");
        }
        return new LifecycleSettings(scope, p.flag("stop.notices"),
                Duration.ofMillis(Math.round(1000 * p.number("stop.notice.wait.sec", true))),
                Duration.ofMillis(Math.round(60_000 * p.number("pause.warning.min", true))),
                severities(p.list("alert.severity")));
    }

    private static Map<String, String> severities(List<String> pairs) {
        Map<String, String> severities = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            String cause = equals < 0 ? pair : pair.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String severity = equals < 0 ? "" : pair.substring(equals + 1).trim().toUpperCase(Locale.ROOT);
            if (!CAUSES.contains(cause) || !SEVERITIES.contains(severity)) {
                throw PropertyReader.invalid("alert.severity", "'" + pair + "' is not cause=severity (cause: "
                        + String.join(", ", CAUSES) + "; severity: CRITICAL, ERROR or WARNING)");
            }
            severities.put(cause, severity);
        }
        return Map.copyOf(severities);
    }

    @Override
    public String toString() {
        return "scope=" + scope + ", stopNotices=" + (stopNotices ? "after " + stopNoticeWait.toMillis() / 1000.0 + "s" : "off")
                + ", pauseWarning=" + (pauseWarning.isZero() ? "off" : pauseWarning.toMillis() / 60_000.0 + "min")
                + (severities.isEmpty() ? "" : ", severities=" + severities);
    }
}
