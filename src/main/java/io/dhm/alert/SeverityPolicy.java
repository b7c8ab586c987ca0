package io.dhm.alert;

import io.dhm.engine.ContainerView;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The severity of a problem alert by its cause (ALERT_SEVERITY: {@code exited=ERROR,oom_killed=CRITICAL}), and per
 * container by its label {@value #LABEL}, which wins. Notices (INFO: recoveries, the operator's stops) keep theirs.
 */
public final class SeverityPolicy {

    public static final String LABEL = "healthmonitor.severity";

    /** The severity of each cause when ALERT_SEVERITY does not name it. */
    public static final Map<String, Severity> DEFAULTS = Map.of("unhealthy", Severity.CRITICAL, "exited", Severity.CRITICAL,
            "oom_killed", Severity.CRITICAL, "crash_restarts", Severity.CRITICAL, "not_found", Severity.ERROR,
            "paused", Severity.WARNING);

    private final Map<String, Severity> byCause;

    /** @param overrides cause → severity name, as ALERT_SEVERITY gives them (checked by the settings) */
    public SeverityPolicy(Map<String, String> overrides) {
        Map<String, Severity> merged = new HashMap<>(DEFAULTS);
        overrides.forEach((cause, severity) -> merged.put(cause, Severity.valueOf(severity.toUpperCase(Locale.ROOT))));
        this.byCause = Map.copyOf(merged);
    }

    public static SeverityPolicy defaults() {
        return new SeverityPolicy(Map.of());
    }

    /** The severity of a problem alert of {@code cause} about {@code container}. */
    public Severity of(String cause, ContainerView container) {
        String label = container.label(LABEL);
        if (label != null) {
            try {
                Severity chosen = Severity.valueOf(label.trim().toUpperCase(Locale.ROOT));
                if (chosen != Severity.INFO) {
                    return chosen;
                }
            } catch (IllegalArgumentException ignored) {
                // a label of the container's, not the operator's setting: an unknown word keeps the setting's severity
            }
        }
        return byCause.getOrDefault(cause, Severity.CRITICAL);
    }
}
