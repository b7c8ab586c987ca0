package io.dhm.bench;

/** A container whose trouble a benchmark round starts and ends at will. */
interface Trouble {

    String id();

    /** The name the mails' subjects give. */
    String name();

    /** Starts the trouble; returns once the command that causes it has run. */
    void fault() throws InterruptedException;

    /** The engine's event action that starts the monitor's wait: "health_status: unhealthy", "die". */
    String onset();

    /** Ends it: the container is fine again, and the monitor announces the recovery. */
    void repair() throws InterruptedException;
}
