package io.dhm.confirm;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.leveldb.LevelDBAggregationRepository;
import org.apache.camel.spi.AggregationRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pending waits earlier versions kept in a LevelDB folder in DATA_DIR, moved once into the monitor's database.
 * LevelDB maps its files into memory, so a full disk killed the JVM with SIGBUS in the middle of a write; it is
 * opened only here, when that folder is still there, and the folder is removed once its waits are moved.
 */
public final class LevelDbWaits {

    static final String FOLDER = "confirmations.leveldb";
    private static final Logger LOG = LoggerFactory.getLogger(LevelDbWaits.class);

    private LevelDbWaits() {
    }

    /**
     * Moves the waits of {@code dataDir}'s LevelDB folder, if there is one, into {@code database}: the pending ones,
     * and those that had ended but whose alert was not yet dispatched (they wait again, and end with the same alert).
     * A container that already has a wait in the database keeps that one.
     */
    public static int moveInto(Path dataDir, AggregationRepository database, CamelContext context) throws Exception {
        Path folder = dataDir.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        LevelDBAggregationRepository leveldb = new LevelDBAggregationRepository("confirmations", folder.toString());
        ServiceHelper.startService(leveldb);
        int moved = 0;
        try {
            for (String key : leveldb.getKeys()) {
                moved += moveWait(key, leveldb.get(context, key), database, context);
            }
            for (String exchangeId : leveldb.scan(context)) {
                Exchange ended = leveldb.recover(context, exchangeId);
                if (ended != null) {
                    moved += moveWait(ended.getProperty(ExchangePropertyKey.AGGREGATED_CORRELATION_KEY, String.class),
                            ended, database, context);
                }
            }
        } finally {
            ServiceHelper.stopService(leveldb);
        }
        FileUtil.removeDir(folder.toFile());
        LOG.info("Pending waits: {} moved from {} into the monitor's database, and the folder removed", moved, folder);
        return moved;
    }

    private static int moveWait(String key, Exchange wait, AggregationRepository database, CamelContext context) {
        if (key == null || wait == null || database.get(context, key) != null) {
            return 0;
        }
        database.add(context, key, wait);
        return 1;
    }
}
