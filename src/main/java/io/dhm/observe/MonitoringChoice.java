package io.dhm.observe;

import io.dhm.store.Database;
import io.dhm.store.JsonRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * The operator's choice to take a container out of monitoring, or back in (API: select), by its identity; kept in
 * the database (table dhm_deselected) so it outlives a restart.
 */
public class MonitoringChoice {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringChoice.class);

    private final ContainerTracker tracker;
    private final JsonRows<String> deselected;

    public MonitoringChoice(ContainerTracker tracker, Database database) {
        this.tracker = tracker;
        this.deselected = new JsonRows<>(database, "dhm_deselected", String.class);
    }

    public void open() throws SQLException {
        deselected.open().keySet().forEach(tracker::ignore);
    }

    /** Reads the choices again (a pair's take-over: the old leader may have changed them). */
    public void reload() throws SQLException {
        java.util.Set<String> now = deselected.open().keySet();
        tracker.ignored().stream().filter(key -> !now.contains(key)).forEach(tracker::watch);
        now.forEach(tracker::ignore);
    }

    public void choose(String key, boolean monitored) throws SQLException {
        if (monitored) {
            deselected.remove(key);
            tracker.watch(key);
        } else {
            deselected.put(key, key);
            tracker.ignore(key);
        }
        LOG.info("{} is {} monitored, as the operator chose", key, monitored ? "again" : "no longer");
    }
}
