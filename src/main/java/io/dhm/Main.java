package io.dhm;

import java.nio.file.Path;

/** Starts docker-health-monitor in the current working directory. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(MonitorApplication.run(Path.of("").toAbsolutePath(), System.getenv(), args));
    }
}
