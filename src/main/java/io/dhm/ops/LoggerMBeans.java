package io.dhm.ops;

import org.apache.logging.log4j.core.jmx.Server;

/**
 * log4j2's JMX MBeans of the loggers and their levels, which `camel cmd logger` lists and changes (through the CLI
 * connector, which finds them by their JMX names). log4j2 registers none unless asked (log4j2.disableJmx defaults to
 * true): only with the CLI connector on are they registered, once Camel starts.
 */
public final class LoggerMBeans {

    private LoggerMBeans() {
    }

    public static void register() {
        System.setProperty("log4j2.disableJmx", "false");
        Server.reregisterMBeansAfterReconfigure();
    }
}
