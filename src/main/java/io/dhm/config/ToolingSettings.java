package io.dhm.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Camel's own tools, each off unless asked for (DEV_CONSOLE_ENABLED, JOLOKIA_ENABLED, CLI_CONNECTOR_ENABLED): they
 * show a lot about the process, Jolokia and the CLI can also change it, and the CLI connector costs CPU (its status of
 * every route, rewritten once a minute at rest and every second while a CLI reads it).
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
