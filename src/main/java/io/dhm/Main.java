package io.dhm;

import io.dhm.launch.Launcher;

import java.nio.file.Path;

/** Starts docker-health-monitor in the current working directory, in a JVM of its own unless told otherwise ({@link Launcher}). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int exitCode;
        try {
            if (Launcher.relaunch()) {
                exitCode = Launcher.run(Main.class, args);
            } else {
                Launcher.haltWithLauncher();
                exitCode = MonitorApplication.run(Path.of("").toAbsolutePath(), System.getenv(), args);
            }
        } catch (Throwable e) {
            // the embedded HTTP server's threads would keep a failed JVM alive: say why and leave
            System.err.println("docker-health-monitor stopped: " + e);
            e.printStackTrace();
            exitCode = 1;
        }
        System.exit(exitCode);
    }
}
