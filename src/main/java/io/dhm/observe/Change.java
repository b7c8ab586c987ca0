package io.dhm.observe;

/** What a status transition means for alerting; the decide route switches on it. */
public enum Change {
    /** Became unhealthy: start (or restart) the confirmation wait. */
    UNHEALTHY,
    /** A watched container stopped running on its own (exited, killed for memory) or was gone: confirm it stays so. */
    VANISHED,
    /** Stopped, killed or removed at the operator's request: no problem; a notice, and a pending wait ends. */
    STOPPED,
    /** Back to healthy or starting while a confirmation is pending: settle it now, no alert. */
    RETURNED,
    /** Healthy again after an alert was sent: announce the recovery. */
    RECOVERED,
    /** Still in trouble ALERT_REPEAT_INTERVAL_MIN after the last alert: recheck and announce again. */
    REPEAT,
    /** Any other change: logged only. */
    NOTED
}
