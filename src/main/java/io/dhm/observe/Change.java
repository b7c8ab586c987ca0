package io.dhm.observe;

/** What a status transition means for alerting; the decide route switches on it. */
public enum Change {
    /** Became unhealthy: start (or restart) the confirmation wait. */
    UNHEALTHY,
    /** A monitored container was removed or stopped: confirm it stays gone. */
    VANISHED,
    /** Back to healthy or starting while a confirmation is pending: settle it now, no alert. */
    RETURNED,
    /** Healthy again after an alert was sent: announce the recovery. */
    RECOVERED,
    /** Still in trouble ALERT_REPEAT_INTERVAL_MIN after the last alert: recheck and announce again. */
    REPEAT,
    /** Any other change: logged only. */
    NOTED
}
