package io.dhm.engine;

/**
 * What a command run inside a container ended with.
 *
 * @param exitCode null when it did not finish in time
 */
public record ExecOutcome(Long exitCode, String output) {

    public boolean succeeded() {
        return exitCode != null && exitCode == 0;
    }
}
