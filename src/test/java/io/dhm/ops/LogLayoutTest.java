package io.dhm.ops;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled log layouts keep a container's text from forging a log line or driving the terminal. */
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
}
