package io.dhm.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Auto-heal (AUTOHEAL_*): which containers the monitor may restart, when, and how often before it gives up on one.
 *
 * @param label            AUTOHEAL_CONTAINER_LABEL: containers with this label set to true are healed; "all" = every one
 * @param healWait         how long a container must stay unhealthy (or exited) before it is restarted
 * @param includeNames     name globs; when any is given a container must match one
 * @param includeLabels    "key" or "key=value"; when any is given a container must carry one
 * @param quarantineRelease a quarantine ends on its own after this long (zero = only a redeploy or the operator ends it)
 */
public record HealSettings(boolean enabled, String label, HealMode mode, Duration healWait, Duration backoffInitial,
                           Duration backoffMax, Duration backoffReset, int maxRestarts, Duration restartWindow,
                           Duration quarantineRelease, int stopTimeoutSec, List<String> includeNames,
                           List<String> excludeNames, List<String> includeLabels, List<String> excludeLabels,
                           boolean restartDependents) {

    /** AUTOHEAL_MODE: what makes a container worth restarting. */
    public enum HealMode {
        /** Confirmed unhealthy by its healthcheck or a custom check. */
        HEALTH,
        /** Died with a non-zero exit code that its own restart policy did not restart, and nobody stopped it. */
        EXIT,
        BOTH;

        public boolean health() {
            return this != EXIT;
        }

        public boolean exit() {
            return this != HEALTH;
        }

        static HealMode parse(String variable, String raw) {
            try {
                return valueOf(raw.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(variable, "'" + raw + "' is not health, exit or both");
            }
        }
    }

    static HealSettings read(Properties properties, Duration confirmWait) {
        PropertyReader p = new PropertyReader(properties);
        Duration backoffInitial = seconds(p, "autoheal.backoff.initial.sec", false);
        Duration backoffMax = seconds(p, "autoheal.backoff.max.sec", false);
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw PropertyReader.invalid("autoheal.backoff.max.sec", "is shorter than AUTOHEAL_BACKOFF_INITIAL_SEC ("
                    + backoffInitial.toSeconds() + " s)");
        }
        String label = p.text("autoheal.container.label");
        return new HealSettings(
                p.flag("autoheal.enabled"),
                label,
                HealMode.parse("AUTOHEAL_MODE", p.text("autoheal.mode")),
                p.optional("autoheal.wait.sec").isPresent() ? seconds(p, "autoheal.wait.sec", true) : confirmWait,
                backoffInitial,
                backoffMax,
                seconds(p, "autoheal.backoff.reset.sec", true),
                (int) p.wholeNumber("autoheal.max.restarts", 1000),
                seconds(p, "autoheal.restart.window.sec", false),
                seconds(p, "autoheal.quarantine.release.sec", true),
                (int) p.wholeNumber("autoheal.stop.timeout", 3600),
                p.globs("autoheal.include.names"),
                p.globs("autoheal.exclude.names"),
                p.list("autoheal.include.labels"),
                p.list("autoheal.exclude.labels"),
                p.flag("autoheal.restart.dependents"));
    }

    static Duration seconds(PropertyReader p, String key, boolean zeroAllowed) {
        return Duration.ofMillis(Math.round(1000 * p.number(key, zeroAllowed)));
    }

    /** AUTOHEAL_CONTAINER_LABEL=all: every container is a candidate (autoheal=false still opts out). */
    public boolean allContainers() {
        return "all".equalsIgnoreCase(label);
    }

    @Override
    public String toString() {
        if (!enabled) {
            return "autoheal=off";
        }
        return "autoheal=" + mode.name().toLowerCase(Locale.ROOT) + " (" + (allContainers() ? "all containers" : label + "=true")
                + ", wait " + healWait.toMillis() / 1000.0 + " s, max " + maxRestarts + " restarts per "
                + restartWindow.toSeconds() + " s" + (restartDependents ? ", dependents too" : "") + ")";
    }
}
