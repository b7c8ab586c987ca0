package io.dhm.config;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DATABASE_URL/USER/PASSWORD, and their older names OUTBOX_JDBC_URL/USER/PASSWORD. */
class DatabaseSettingsTest {

    private static final String POSTGRES = "jdbc:postgresql://db:5432/monitor";

    private final List<LogEvent> logged = new CopyOnWriteArrayList<>();
    private final AbstractAppender capture = new AbstractAppender("database-settings-test", null, null, true,
            Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            logged.add(event.toImmutable());
        }
    };

    @BeforeEach
    void captureLog() {
        capture.start();
        ((Logger) LogManager.getLogger(DatabaseSettings.class)).addAppender(capture);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LogManager.getLogger(DatabaseSettings.class)).removeAppender(capture);
        capture.stop();
    }

    private static DatabaseSettings database(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(SettingSources.defaults());
        values.forEach((variable, value) -> properties.setProperty(SettingSources.propertyKey(variable), value));
        return Settings.from(properties).database();
    }

    private List<String> warnings() {
        return logged.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(event -> event.getMessage().getFormattedMessage()).toList();
    }

    @Test
    void byDefaultTheH2FileInTheDataFolder() {
        DatabaseSettings database = database(Map.of("DATA_DIR", "/var/lib/dhm"));
        assertEquals("jdbc:h2:file:" + Path.of("/var/lib/dhm").toAbsolutePath().resolve("outbox")
                + ";DB_CLOSE_DELAY=-1;WRITE_DELAY=0", database.url());
        assertEquals(Optional.empty(), database.user());
        assertEquals("DATABASE_URL", database.urlVariable());
    }

    @Test
    void theNewNames() {
        DatabaseSettings database = database(Map.of("DATABASE_URL", POSTGRES, "DATABASE_USER", "dhm",
                "DATABASE_PASSWORD", "s3cret-pass"));
        assertEquals(new DatabaseSettings(POSTGRES, Optional.of("dhm"), Optional.of("s3cret-pass"), "DATABASE_URL"),
                database);
        assertEquals(List.of(), warnings());
    }

    @Test
    void anOlderNameGivenAloneWorksAsBefore() {
        DatabaseSettings database = database(Map.of("OUTBOX_JDBC_URL", POSTGRES, "OUTBOX_JDBC_USER", "dhm",
                "OUTBOX_JDBC_PASSWORD", "s3cret-pass"));
        assertEquals(new DatabaseSettings(POSTGRES, Optional.of("dhm"), Optional.of("s3cret-pass"), "OUTBOX_JDBC_URL"),
                database);
        assertEquals(List.of(), warnings());
    }

    @Test
    void givenBothTheNewNameWinsAndAWarningSaysSoOnce() {
        Map<String, String> both = Map.of("DATABASE_URL", POSTGRES, "OUTBOX_JDBC_URL", "jdbc:h2:file:/old/outbox",
                "OUTBOX_JDBC_USER", "old-user");
        DatabaseSettings database = database(both);
        database(both); // the settings are read again at each change of the .env file

        assertEquals(POSTGRES, database.url());
        assertEquals("DATABASE_URL", database.urlVariable());
        assertEquals(Optional.of("old-user"), database.user(), "each older name counts alone: DATABASE_USER is not set");
        assertEquals(List.of("DATABASE_URL and OUTBOX_JDBC_URL are both set: DATABASE_URL is used, OUTBOX_JDBC_URL (its"
                + " older name) is ignored"), warnings());
    }

    @Test
    void aBadUrlNamesTheSettingThatGaveIt() {
        InvalidSettingException older = assertThrows(InvalidSettingException.class,
                () -> database(Map.of("OUTBOX_JDBC_URL", "postgres://db/monitor")));
        assertTrue(older.getMessage().startsWith("OUTBOX_JDBC_URL: 'postgres://db/monitor' is not a JDBC URL"),
                older.getMessage());
        InvalidSettingException newer = assertThrows(InvalidSettingException.class,
                () -> database(Map.of("DATABASE_URL", "postgres://db/monitor")));
        assertTrue(newer.getMessage().startsWith("DATABASE_URL: "), newer.getMessage());
    }

    @Test
    void theSummaryHidesAPasswordInTheUrl() {
        assertEquals("database=jdbc:postgresql://db/monitor?user=dhm&password=***",
                database(Map.of("DATABASE_URL", "jdbc:postgresql://db/monitor?user=dhm&password=hunter22")).toString());
    }
}
