package io.dhm.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Camel's own tools. The developer console and Jolokia (DEV_CONSOLE_ENABLED, JOLOKIA_ENABLED) are off unless asked
 * for: they answer over HTTP, show a lot about the process, and Jolokia can change it. The CLI's connector
 * (CLI_CONNECTOR_ENABLED) is on unless turned off: only the monitor's own user reaches its files, and at rest it costs
 * about 0.23 s of CPU per 30 s (its status of every route, rewritten once a minute, every second while a CLI reads it).
 *
 * @param devConsole   Camel's developer console at /q/dev
 * @param jolokia      JMX over HTTP at /observe/jolokia (hawtio attaches there)
 * @param cliConnector camel-jbang's `camel ps`, `camel get`, `camel top` see the monitor
 */
public record ToolingSettings(boolean devConsole, boolean jolokia, boolean cliConnector) {

    static ToolingSettings read(Properties properties) {
        PropertyReader p = new PropertyReader(properties);
        return new ToolingSettings(p.flag("dev.console.enabled"), p.flag("jolokia.enabled"), p.flag("cli.connector.enabled"));
    }

    @Override
    public String toString() {
        List<String> on = new ArrayList<>();
        if (devConsole) {
            on.add("dev console");
        }
        if (jolokia) {
            on.add("jolokia");
        }
        if (cliConnector) {
            on.add("cli connector");
        }
        return "camelTools=" + (on.isEmpty() ? "none" : String.join("+", on));
    }
}
