package io.dhm.deliver;

import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import io.dhm.config.DatabaseSettings;
import io.dhm.config.SettingSources;
import io.dhm.config.Settings;
import io.dhm.dispatch.Target;
import io.dhm.store.Database;
import io.dhm.store.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An alert stored in the default outbox (an H2 file in DATA_DIR) survives a kill of the monitor right after. */
class OutboxDurabilityTest {

    @TempDir
    Path dataDir;

    private static Outbox openOutbox(Path dataDir) throws Exception {
        Properties properties = SettingSources.load(dataDir, Map.of("DATA_DIR", dataDir.toString()));
        DatabaseSettings settings = Settings.from(properties).database();
        Database database = new Database(settings.url(), settings.user(), settings.password());
        Schema.migrate(database);
        return new Outbox(database);
    }

    /** The monitor's side, in a JVM of its own: store one alert, then die at once as under SIGKILL. */
    public static void main(String[] args) throws Exception {
        Alert alert = new Alert(UUID.randomUUID().toString(), Severity.CRITICAL, "Test", "shop", "web-1", "id", "img",
                "healthy", "unhealthy", ZonedDateTime.of(2026, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC), "details", "", "",
                List.of("ops@example.com"));
        openOutbox(Path.of(args[0])).enqueue(alert, List.of(new Target("smtp", "ops@example.com")), Instant.now(),
                Duration.ZERO, null);
        Runtime.getRuntime().halt(9); // no shutdown hook, no close: what a SIGKILL leaves
    }

    @Test
    void anAlertStoredJustBeforeAKillIsThereAfterIt() throws Exception {
        Process monitor = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OutboxDurabilityTest.class.getName(), dataDir.toString())
                .inheritIO().start();
        assertTrue(monitor.waitFor(60, TimeUnit.SECONDS), "the writer finished");
        assertEquals(9, monitor.exitValue(), "the writer was halted after storing");
        assertEquals(1, openOutbox(dataDir).pendingCount(), "the stored alert is pending after the kill");
    }
}
