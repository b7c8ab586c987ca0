package io.dhm.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterSettingsTest {

    private static Settings settings(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(SettingSources.defaults());
        values.forEach((variable, value) -> properties.setProperty(SettingSources.propertyKey(variable), value));
        return Settings.from(properties);
    }

    @Test
    void offUnlessZooKeeperIsNamed() {
        assertFalse(settings(Map.of()).cluster().enabled());
    }

    @Test
    void aPairNeedsItsSharedPostgreSql() {
        ClusterSettings cluster = settings(Map.of("CLUSTER_ZOOKEEPER", "zk1:2181,zk2:2181",
                "OUTBOX_JDBC_URL", "jdbc:postgresql://db:5432/monitor", "CLUSTER_SESSION_TIMEOUT_SEC", "4")).cluster();
        assertTrue(cluster.enabled());
        assertEquals(Duration.ofSeconds(4), cluster.sessionTimeout());

        InvalidSettingException h2 = assertThrows(InvalidSettingException.class,
                () -> settings(Map.of("CLUSTER_ZOOKEEPER", "zk1:2181")));
        assertTrue(h2.getMessage().startsWith("CLUSTER_ZOOKEEPER"), h2.getMessage());
        assertTrue(h2.getMessage().contains("set DATABASE_URL to jdbc:postgresql://"), h2.getMessage());
        InvalidSettingException olderName = assertThrows(InvalidSettingException.class,
                () -> settings(Map.of("CLUSTER_ZOOKEEPER", "zk1:2181", "OUTBOX_JDBC_URL", "jdbc:h2:file:/data/outbox")));
        assertTrue(olderName.getMessage().contains("set OUTBOX_JDBC_URL to jdbc:postgresql://"), olderName.getMessage());
    }

    @Test
    void badEnsemblesAndTimeoutsNameTheirSetting() {
        InvalidSettingException port = assertThrows(InvalidSettingException.class, () -> settings(Map.of(
                "CLUSTER_ZOOKEEPER", "zk1", "OUTBOX_JDBC_URL", "jdbc:postgresql://db/monitor")));
        assertTrue(port.getMessage().contains("'zk1' is not host:port"), port.getMessage());
        InvalidSettingException timeout = assertThrows(InvalidSettingException.class, () -> settings(Map.of(
                "CLUSTER_SESSION_TIMEOUT_SEC", "120")));
        assertTrue(timeout.getMessage().startsWith("CLUSTER_SESSION_TIMEOUT_SEC"), timeout.getMessage());
    }
}
