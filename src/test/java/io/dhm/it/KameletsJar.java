package io.dhm.it;

import java.nio.file.Path;

/** The small jar for other Camel applications: the Kamelets and the code behind them. */
final class KameletsJar {

    static final Path PATH = Path.of("target", "docker-health-monitor-kamelets.jar").toAbsolutePath();

    private KameletsJar() {
    }
}
