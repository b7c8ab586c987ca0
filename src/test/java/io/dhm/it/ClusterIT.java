package io.dhm.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A highly available pair with real processes: two packaged monitors on the sandbox engine, one PostgreSQL (a schema
 * of their own per test) and one ZooKeeper, both started by scripts/sandbox-postgres.sh and sandbox-zookeeper.sh.
 * They send one alert for a failing container, not two; and when the leader is SIGKILLed in the middle of a confirm
 * wait, the follower takes over, sends that alert once and heals the container once.
 */
class ClusterIT {

    /** Short, so the suite stays quick; -Ddhm.it.cluster.session.sec=10 measures the take-over of the default. */
    private static final Duration SESSION = Duration.ofSeconds(Long.getLong("dhm.it.cluster.session.sec", 4));

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(true);

    @TempDir
    Path workDir;

    private final SandboxEngine engine = new SandboxEngine();
    private final List<MonitorProcess> monitors = new ArrayList<>();
    private Mails mails;
    private String schemaUrl;

    private static String need(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: start PostgreSQL and ZooKeeper with"
                    + " scripts/sandbox-postgres.sh and scripts/sandbox-zookeeper.sh and export what their env prints"
                    + " (scripts/test.sh does both)");
        }
        return value;
    }

    @BeforeEach
    void schema() throws Exception {
        engine.removeTestContainers();
        mails = new Mails(SMTP);
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection db = DriverManager.getConnection(need("DHM_POSTGRES_URL"), need("DHM_POSTGRES_USER"),
                need("DHM_POSTGRES_PASSWORD")); Statement sql = db.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema);
        }
        schemaUrl = need("DHM_POSTGRES_URL") + "?currentSchema=" + schema;
    }

    @AfterEach
    void stopAll() throws Exception {
        for (MonitorProcess monitor : monitors) {
            monitor.close();
        }
        engine.removeTestContainers();
    }

    private MonitorProcess instance(String name, Map<String, String> extra) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve(name));
        Map<String, String> environment = new HashMap<>(Map.of(
                "DOCKER_HOST", engine.dockerHost,
                "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", String.valueOf(SMTP.getSmtp().getPort()),
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com",
                "HEALTH_CHECK_INTERVAL_SEC", "1",
                "DATABASE_URL", schemaUrl,
                "DATABASE_USER", need("DHM_POSTGRES_USER"),
                "DATABASE_PASSWORD", need("DHM_POSTGRES_PASSWORD"),
                "CLUSTER_ZOOKEEPER", need("DHM_ZOOKEEPER"),
                "CLUSTER_SESSION_TIMEOUT_SEC", String.valueOf(SESSION.toSeconds())));
        environment.putAll(extra);
        MonitorProcess monitor = MonitorProcess.started(dir, environment);
        monitors.add(monitor);
        return monitor;
    }

    /** The first instance, once it leads, and the second, a follower. */
    private List<MonitorProcess> pair(Map<String, String> settings) throws Exception {
        MonitorProcess first = instance("first", settings);
        first.awaitLog("this instance is the leader now", Duration.ofSeconds(30));
        MonitorProcess second = instance("second", settings);
        assertTrue(!second.output().contains("this instance is the leader now"), "the second one follows");
        return List.of(first, second);
    }

    private List<Mails.Mail> criticals(String name) {
        return mails.about(name).stream().filter(mail -> mail.subject().startsWith("CRITICAL:")).toList();
    }

    @Test
    void aPairSendsOneAlertForAFailingContainer() throws Exception {
        pair(Map.of("WAIT_AND_CHECK_AGAIN_MIN", "0.1"));
        String name = SandboxEngine.unique("pair-web");
        String id = engine.startMonitored(name);
        engine.makeUnhealthy(id);

        mails.await(name, "CRITICAL", Duration.ofSeconds(40));
        awaitNoSecondCritical(name);
    }

    /** The other instance's alert, or a repeat, would follow within seconds of the first: none does. */
    private void awaitNoSecondCritical(String... names) {
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (String name : names) {
                assertEquals(1, criticals(name).size(), mails.about(name).toString());
            }
        });
    }

    @Test
    void whenTheLeaderDiesMidWaitTheFollowerTakesOverAndAlertsAndHealsOnce() throws Exception {
        List<MonitorProcess> pair = pair(Map.of("WAIT_AND_CHECK_AGAIN_MIN", "0.25",
                "AUTOHEAL_ENABLED", "true", "AUTOHEAL_WAIT_SEC", "25", "AUTOHEAL_STOP_TIMEOUT", "1"));
        MonitorProcess leader = pair.get(0);
        MonitorProcess follower = pair.get(1);
        String name = SandboxEngine.unique("pair-api");
        String id = engine.startMonitored(name, Map.of("autoheal", "true"));
        String firstRun = engine.startedAt(id);
        leader.awaitLog(name + " [standalone]", Duration.ofSeconds(20));
        engine.makeUnhealthy(id);
        leader.awaitLog(name + " [standalone]: healthy → unhealthy", Duration.ofSeconds(20));

        Instant killed = Instant.now();
        leader.killHard(); // 15 s wait: about 14 s of it left
        follower.awaitLog("this instance is the leader now", Duration.ofSeconds(30));
        Duration takeOver = Duration.between(killed, Instant.now());
        System.out.println("ClusterIT: take-over " + takeOver.toMillis() + " ms after SIGKILL (session " + SESSION.toSeconds() + " s)");
        assertTrue(takeOver.compareTo(Duration.ofSeconds(15)) < 0, "took over in " + takeOver.toMillis() + " ms");

        mails.await(name, "CRITICAL", Duration.ofSeconds(60));
        Mails.Mail restart = mails.await(name, "INFO", Duration.ofSeconds(60));
        assertTrue(restart.subject().endsWith("Restarted by auto-heal"), restart.subject());
        engine.awaitHealth(id, "healthy");
        String secondRun = engine.startedAt(id);
        awaitNoSecondCritical(name);
        assertTrue(!firstRun.equals(secondRun), "healed");
        assertEquals(secondRun, engine.startedAt(id), "healed once");
        assertEquals(1, mails.about(name).stream().filter(mail -> mail.subject().endsWith("Restarted by auto-heal")).count());
    }

    /** scripts/sandbox-postgres.sh stop or start: the pair's database going away and coming back. */
    private static void postgres(String command) throws Exception {
        Process script = new ProcessBuilder("bash", "scripts/sandbox-postgres.sh", command).inheritIO().start();
        assertEquals(0, script.waitFor(), "sandbox-postgres.sh " + command);
    }

    @Test
    void anAlertWaitsWhileThePairsDatabaseIsDownAndLeavesOnceWhenItIsBack() throws Exception {
        MonitorProcess leader = pair(Map.of("WAIT_AND_CHECK_AGAIN_MIN", "0.1")).get(0);
        String name = SandboxEngine.unique("pair-db");
        String id = engine.startMonitored(name);
        leader.awaitLog(name + " [standalone]", Duration.ofSeconds(20));
        postgres("stop");
        try {
            engine.makeUnhealthy(id);
            leader.awaitLog(name + " [standalone]: healthy → unhealthy", Duration.ofSeconds(20));
            // the 6 s wait twice over: nothing can be confirmed while the database is down, and the leader rides it out
            await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertEquals(List.of(), criticals(name), "nothing can be confirmed while the database is down");
                assertTrue(leader.alive(), "the leader rides it out");
            });
        } finally {
            postgres("start");
        }
        mails.await(name, "CRITICAL", Duration.ofSeconds(120));
        awaitNoSecondCritical(name);
    }

    /**
     * One instance started with these settings over the pair's (given by their older names, OUTBOX_JDBC_*), expected
     * to refuse to start: its output.
     */
    private String refused(String name, Map<String, String> settings) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve(name));
        Map<String, String> environment = new HashMap<>(Map.of("DOCKER_HOST", engine.dockerHost,
                "OUTBOX_JDBC_URL", schemaUrl, "OUTBOX_JDBC_USER", need("DHM_POSTGRES_USER"),
                "OUTBOX_JDBC_PASSWORD", need("DHM_POSTGRES_PASSWORD"), "CLUSTER_ZOOKEEPER", need("DHM_ZOOKEEPER")));
        environment.putAll(settings);
        try (MonitorProcess monitor = MonitorProcess.start(dir, environment)) {
            assertEquals(2, monitor.awaitExit(Duration.ofSeconds(60)), monitor.tail());
            return monitor.output();
        }
    }

    @Test
    void anUnreachableZooKeeperOrDatabaseStopsStartUpNamingTheSetting() throws Exception {
        int nobody = MonitorProcess.freePort();
        String zookeeper = refused("no-zookeeper", Map.of("CLUSTER_ZOOKEEPER", "127.0.0.1:" + nobody));
        assertTrue(zookeeper.contains("docker-health-monitor: invalid configuration: CLUSTER_ZOOKEEPER: no ZooKeeper"
                + " answered at 127.0.0.1:" + nobody), zookeeper);

        String database = refused("no-database", Map.of("OUTBOX_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + nobody + "/monitor"));
        assertTrue(database.contains("docker-health-monitor: invalid configuration: OUTBOX_JDBC_URL: cannot open the"
                + " monitor's database at jdbc:postgresql://127.0.0.1:" + nobody + "/monitor"), database);
        // the new name beside the older one wins, and is the one the message names
        String newName = refused("no-database-new-name", Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + nobody + "/monitor"));
        assertTrue(newName.contains("docker-health-monitor: invalid configuration: DATABASE_URL: cannot open the"
                + " monitor's database at jdbc:postgresql://127.0.0.1:" + nobody + "/monitor"), newName);
        assertTrue(newName.contains("DATABASE_URL and OUTBOX_JDBC_URL are both set: DATABASE_URL is used"), newName);
    }

    /** scripts/sandbox-zookeeper.sh stop or start: the pair's coordination going away and coming back. */
    private static void zookeeper(String command) throws Exception {
        Process script = new ProcessBuilder("bash", "scripts/sandbox-zookeeper.sh", command).inheritIO().start();
        assertEquals(0, script.waitFor(), "sandbox-zookeeper.sh " + command);
    }

    @Test
    void whileZooKeeperIsDownTheLeaderKeepsAlertingAndThePairGoesOnOnceItIsBack() throws Exception {
        List<MonitorProcess> pair = pair(Map.of("WAIT_AND_CHECK_AGAIN_MIN", "0.1"));
        String during = SandboxEngine.unique("pair-nozk");
        String duringId = engine.startMonitored(during);
        pair.get(0).awaitLog(during + " [standalone]", Duration.ofSeconds(20));
        zookeeper("stop");
        try {
            pair.get(0).awaitLog("Cluster: ZooKeeper does not answer", Duration.ofSeconds(20));
            engine.makeUnhealthy(duringId);
            mails.await(during, "CRITICAL", Duration.ofSeconds(40));
            assertTrue(!pair.get(1).output().contains("this instance is the leader now"), "the follower still follows");
        } finally {
            zookeeper("start");
        }
        pair.get(0).awaitLog("Cluster: ZooKeeper answers again", Duration.ofSeconds(60));
        String after = SandboxEngine.unique("pair-zkback");
        engine.makeUnhealthy(engine.startMonitored(after));
        mails.await(after, "CRITICAL", Duration.ofSeconds(40));
        awaitNoSecondCritical(during, after);
    }
}
