package io.dhm.alert;

import java.io.Serializable;
import java.time.Instant;

/**
 * One row of an alert's timeline: something the engine kept or the monitor saw before the alert.
 *
 * @param kind     what it is: "health" (a health check the engine ran), "check" (a custom check), "exit", "start",
 *                 "oom", "image", "status" (a status change the monitor saw), "heal" (an auto-heal action), "signal"
 *                 (a restart loop or log pattern), "resource" (a CPU or memory reading) or "state" (the container as
 *                 it was when the alert was made)
 * @param summary  one short line
 * @param detail   the output that goes with it (a health check's), or empty
 * @param exitCode the exit code of a health check or of the container, or null
 */
public record Evidence(Instant at, String kind, String summary, String detail, Long exitCode) implements Serializable {

    public Evidence {
        detail = detail == null ? "" : detail;
    }
}
