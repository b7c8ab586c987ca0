package io.dhm.ops;

import io.dhm.config.SecretValues;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled log layouts keep a container's text from forging a log line or driving the terminal, and mask the
 * secrets' values.
 */
class LogLayoutTest {

    @Test
    void aContainersLineBreaksAndControlCharactersCannotForgeALogLine() throws IOException {
        Properties log4j = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("log4j2.properties")) {
            log4j.load(in);
        }
        String hostile = "shop\r\n2026-01-01 00:00:00 INFO  Acknowledged by ops\u001b[2J\u202Egnp.exe";
        for (String appender : new String[] {"console", "file"}) {
            PatternLayout layout = PatternLayout.newBuilder()
                    .withPattern(log4j.getProperty("appender." + appender + ".layout.pattern")).build();
            String line = layout.toSerializable(Log4jLogEvent.newBuilder().setLoggerName("io.dhm.Test")
                    .setLevel(Level.INFO).setMessage(new SimpleMessage("Watching " + hostile)).build());
            String[] lines = line.split("\n", -1);
            assertEquals(3, lines.length, line); // the record, its continuation, and the end of the last line
            assertEquals("    | 2026-01-01 00:00:00 INFO  Acknowledged by ops?[2J?gnp.exe", lines[1], line);
            assertTrue(lines[0].endsWith(" - Watching shop?"), line);
        }
    }

    /** A Camel warning naming an endpoint, and an exception quoting a URL, as the running log4j2 configuration writes them. */
    @Test
    void aSecretsValueIsMaskedInTheMessageAndTheStackTrace() {
        Properties settings = new Properties();
        settings.setProperty("smtp.pass", "log-pass-3391");
        settings.setProperty("webhook.urls", "https://hooks.example.com/services/T1/B2/log-hook-5527");
        SecretValues.register(settings);
        LoggerContext running = (LoggerContext) LogManager.getContext(false);
        Exception refused = new IllegalStateException("Connect to https://hooks.example.com/services/T1/B2/log-hook-5527 refused",
                new RuntimeException("password log-pass-3391 rejected"));
        for (String appender : new String[] {"console", "file"}) {
            Layout<?> layout = running.getConfiguration().getAppender(appender).getLayout();
            String line = new String(layout.toByteArray(Log4jLogEvent.newBuilder().setLoggerName("org.apache.camel.Test")
                    .setLevel(Level.WARN).setThrown(refused)
                    .setMessage(new SimpleMessage("Failed delivery to smtp://mail.test?password=log-pass-3391")).build()),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(line.contains(" - Failed delivery to smtp://mail.test?password=********\n"), line);
            assertTrue(line.contains("IllegalStateException: Connect to https://hooks.example.com******** refused"), line);
            assertTrue(line.contains("Caused by: java.lang.RuntimeException: password ******** rejected"), line);
            assertFalse(line.contains("log-pass-3391") || line.contains("log-hook-5527"), line);
            Matcher traces = Pattern.compile("IllegalStateException").matcher(line);
            assertEquals(1, traces.results().count(), "one stack trace, the layout's own:\n" + line);
        }
    }
}
