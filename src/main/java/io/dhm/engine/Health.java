package io.dhm.engine;

import java.util.Locale;

/** A container's health as the engine reports it; NONE means it has no HEALTHCHECK and is not monitored. */
public enum Health {
    STARTING, HEALTHY, UNHEALTHY, NONE;

    /** From inspect's State.Health.Status ("starting", "healthy", "unhealthy") or null when there is no healthcheck. */
    public static Health fromInspect(String status) {
        if (status == null || status.isBlank() || "none".equalsIgnoreCase(status)) {
            return NONE;
        }
        return valueOf(status.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * From the list call's human status ("Up 2 minutes (unhealthy)", "Up 1 second (health: starting)"): the list
     * call carries health only in this text, and reading it here is what lets one call cover every container.
     */
    public static Health fromListStatus(String status) {
        if (status == null) {
            return NONE;
        }
        if (status.contains("(unhealthy)")) {
            return UNHEALTHY;
        }
        if (status.contains("(healthy)")) {
            return HEALTHY;
        }
        if (status.contains("(health: starting)")) {
            return STARTING;
        }
        return NONE;
    }

    /** The classic lower-case status words, used in alerts and logs. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
