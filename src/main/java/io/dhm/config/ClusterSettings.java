package io.dhm.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A highly available pair (CLUSTER_ZOOKEEPER, CLUSTER_SESSION_TIMEOUT_SEC): the instances elect one leader through
 * Camel's cluster service on ZooKeeper and share one PostgreSQL database (DATABASE_URL). Without
 * CLUSTER_ZOOKEEPER the monitor is one process on its own store, as always.
 *
 * @param zookeeper      the ensemble as host:port[,host:port], or empty for a single process
 * @param sessionTimeout how long ZooKeeper waits for a silent leader before it drops it: the bound of a take-over
 */
public record ClusterSettings(Optional<String> zookeeper, Duration sessionTimeout) {

    static ClusterSettings read(Properties properties, DatabaseSettings database) {
        PropertyReader p = new PropertyReader(properties);
        Optional<String> zookeeper = p.optional("cluster.zookeeper");
        zookeeper.ifPresent(ensemble -> {
            for (String server : List.of(ensemble.split(","))) {
                if (!server.trim().matches("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}")) {
                    throw PropertyReader.invalid("cluster.zookeeper", "'" + server.trim() + "' is not host:port"
                            + " (give the ensemble as host:port[,host:port])");
                }
            }
            if (!database.url().startsWith("jdbc:postgresql:")) {
                throw PropertyReader.invalid("cluster.zookeeper", "is set, but the instances of a pair must share one"
                        + " PostgreSQL database: set " + database.urlVariable() + " to jdbc:postgresql://... (it is "
                        + database.url().replaceAll("^(jdbc:[a-z0-9]+:).*", "$1...") + ")");
            }
        });
        double seconds = p.number("cluster.session.timeout.sec", false);
        if (seconds < 1 || seconds > 60) {
            throw PropertyReader.invalid("cluster.session.timeout.sec", "'" + seconds + "' is not from 1 to 60 seconds");
        }
        return new ClusterSettings(zookeeper, Duration.ofMillis(Math.round(seconds * 1000)));
    }

    public boolean enabled() {
        return zookeeper.isPresent();
    }

    @Override
    public String toString() {
        return enabled() ? "cluster=zookeeper " + zookeeper.get() + " (session " + sessionTimeout.toMillis() / 1000.0 + " s)"
                : "cluster=off";
    }
}
