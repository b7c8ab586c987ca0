package io.dhm.confirm;

import io.dhm.store.Database;
import io.dhm.store.Schema;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pending waits over a real H2 file that turns read-only (as a full or read-only data folder does): new waits
 * fail for the route to retry, ended waits are put off and written once the file takes writes again.
 */
class StoredWaitsTest {

    @TempDir
    Path folder;

    final CamelContext context = new DefaultCamelContext();
    final DelegatingDataSource database = new DelegatingDataSource();
    StoredWaits waits;

    @BeforeEach
    void openWaits() throws Exception {
        writable(true);
        Schema.migrate(new Database(url(), Optional.empty(), Optional.empty()));
        JdbcAggregationRepository jdbc = new JdbcAggregationRepository(new DataSourceTransactionManager(database),
                "dhm_confirmations", database);
        jdbc.setUseRecovery(true);
        waits = new StoredWaits(jdbc);
        ServiceHelper.startService(waits);
    }

    @AfterEach
    void close() {
        ServiceHelper.stopService(waits);
    }

    /** The H2 file as the monitor opens it, or read-only: every write then fails as on a full disk (code 90097). */
    private void writable(boolean writable) {
        // without DB_CLOSE_DELAY the database closes with its last connection, so the next one opens it anew
        database.setTargetDataSource(new DriverManagerDataSource(url() + (writable ? "" : ";ACCESS_MODE_DATA=r")));
    }

    private String url() {
        return "jdbc:h2:file:" + folder.resolve("waits");
    }

    private Exchange wait(String body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void aNewWaitTheDatabaseRefusesFailsSoTheRouteRetriesIt() {
        writable(false);
        assertThrows(RuntimeException.class, () -> waits.add(context, "web", wait("unhealthy")));
        writable(true);
        waits.add(context, "web", wait("unhealthy"));
        assertEquals(Set.of("web"), waits.getKeys());
    }

    @Test
    void anEndedWaitIsPutOffWhileTheDatabaseRefusesAndWrittenWhenItTakesWritesAgain() {
        waits.add(context, "web", wait("unhealthy"));
        Exchange ended = waits.get(context, "web");
        writable(false);

        waits.remove(context, "web", ended); // the aggregator's timeout checker: must not throw
        assertTrue(waits.confirmWithResult(context, ended.getExchangeId()), "the dispatch is confirmed, for now in memory");
        assertNull(waits.get(context, "web"), "ended, though not yet stored");
        assertEquals(Set.of(), waits.getKeys(), "no timeout is restored for it");
        assertEquals(2, waits.dueWrites());

        waits.writeDue(); // still refused: still due
        assertEquals(2, waits.dueWrites());

        writable(true);
        waits.writeDue();
        assertEquals(0, waits.dueWrites());
        assertEquals(Set.of(), waits.getKeys());
        assertEquals(Set.of(), waits.scan(context), "removed and confirmed: nothing to recover after a restart");
    }

    @Test
    void aNewWaitForAContainerWhoseLastWaitEndedUnstoredStoresThatEndingFirst() {
        waits.add(context, "web", wait("unhealthy"));
        Exchange ended = waits.get(context, "web");
        writable(false);
        waits.remove(context, "web", ended);
        writable(true);

        waits.add(context, "web", wait("gone"));
        Exchange next = waits.get(context, "web");
        assertNotNull(next);
        assertEquals("gone", next.getMessage().getBody(String.class));
        assertEquals(Set.of(ended.getExchangeId()), waits.scan(context), "the ended wait awaits its confirmation");
    }

    @Test
    void aFailureThatIsNotTheDiskIsNotPutOff() throws Exception {
        waits.add(context, "web", wait("unhealthy"));
        Exchange ended = waits.get(context, "web");
        try (Connection db = database.getConnection(); Statement sql = db.createStatement()) {
            sql.execute("DROP TABLE dhm_confirmations_completed"); // a broken schema is a bug to see, not a disk to wait for
        }
        assertThrows(RuntimeException.class, () -> waits.remove(context, "web", ended));
        assertEquals(0, waits.dueWrites());
    }
}
