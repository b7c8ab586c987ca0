package io.dhm.check;

/**
 * The outcome of one custom check.
 *
 * @param detail what was seen, for the history and the alert ("HTTP 503", "connection refused", "exit code 1: ...")
 * @param millis how long the check took
 */
public record ProbeResult(boolean passed, String detail, long millis) {
}
