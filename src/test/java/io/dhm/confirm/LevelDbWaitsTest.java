package io.dhm.confirm;

import io.dhm.store.Database;
import io.dhm.store.MemoryDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.leveldb.LevelDBAggregationRepository;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The waits an earlier version left in DATA_DIR's LevelDB folder move into the database once, and the folder goes. */
class LevelDbWaitsTest {

    @TempDir
    Path dataDir;

    final CamelContext context = new DefaultCamelContext();

    @Test
    void pendingAndEndedButUndispatchedWaitsMoveIntoTheDatabaseAndTheFolderIsRemoved() throws Exception {
        LevelDBAggregationRepository leveldb = new LevelDBAggregationRepository("confirmations",
                dataDir.resolve(LevelDbWaits.FOLDER).toString());
        ServiceHelper.startService(leveldb);
        leveldb.add(context, "shop/web/1", wait("web unhealthy"));
        leveldb.add(context, "shop/db/1", wait("db gone"));
        Exchange ended = leveldb.get(context, "shop/db/1");
        ended.setProperty(Exchange.AGGREGATED_CORRELATION_KEY, "shop/db/1");
        leveldb.remove(context, "shop/db/1", ended); // ended, its alert not yet dispatched when the monitor stopped
        ServiceHelper.stopService(leveldb);

        Database database = MemoryDatabase.create();
        JdbcAggregationRepository jdbc = new JdbcAggregationRepository(
                new DataSourceTransactionManager(database.dataSource()), "dhm_confirmations", database.dataSource());
        ServiceHelper.startService(jdbc);

        assertEquals(2, LevelDbWaits.moveInto(dataDir, jdbc, context));
        assertEquals(Set.of("shop/web/1", "shop/db/1"), jdbc.getKeys());
        assertEquals("web unhealthy", jdbc.get(context, "shop/web/1").getMessage().getBody(String.class));
        assertEquals("db gone", jdbc.get(context, "shop/db/1").getMessage().getBody(String.class), "it waits again");
        assertFalse(Files.exists(dataDir.resolve(LevelDbWaits.FOLDER)));
        assertEquals(0, LevelDbWaits.moveInto(dataDir, jdbc, context), "moved once");
    }

    private Exchange wait(String body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
