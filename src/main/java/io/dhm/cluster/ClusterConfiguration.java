package io.dhm.cluster;

import io.dhm.config.ClusterSettings;
import io.dhm.config.InvalidSettingException;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorConfiguration;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * A highly available pair (CLUSTER_ZOOKEEPER): Camel's cluster service on ZooKeeper elects the leader. It is the
 * CamelClusterService SPI, so another coordination engine (camel-kubernetes' or camel-consul's cluster service) fits
 * in its place. Feeds the election into {@link Leadership} and binds {@link LeaderOnly}, the route policy
 * {@code leaderOnly} of every route only the leader runs.
 */
public class ClusterConfiguration implements CamelConfiguration {

    /** The election's name in ZooKeeper (under /docker-health-monitor). */
    static final String NAMESPACE = "leader";
    private static final long CONNECT_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterConfiguration.class);

    private final ClusterSettings cluster;
    private final Leadership leadership;

    /** Given its settings and the leadership rather than the foundation, which builds on this package's Leadership. */
    public ClusterConfiguration(ClusterSettings cluster, Leadership leadership) {
        this.cluster = cluster;
        this.leadership = leadership;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        if (!cluster.enabled()) {
            context.getRegistry().bind("leaderOnly", RoutePolicy.class, new LeaderOnly(leadership, null));
            return;
        }
        // the connection is made here, before the service starts, so that an ensemble that does not answer stops the
        // start with a message naming the setting rather than a monitor that never leads
        CuratorFramework curator = CuratorFrameworkFactory.builder()
                .connectString(cluster.zookeeper().orElseThrow())
                .sessionTimeoutMs((int) cluster.sessionTimeout().toMillis())
                .connectionTimeoutMs((int) Math.min(CONNECT_MILLIS, cluster.sessionTimeout().toMillis()))
                .retryPolicy(new ExponentialBackoffRetry(500, 29, 5_000))
                .build();
        curator.getConnectionStateListenable().addListener((client, state) -> {
            switch (state) {
                case SUSPENDED, LOST -> LOG.warn("Cluster: ZooKeeper does not answer ({}); this instance stays {} until it does",
                        state, leadership.roleName());
                case RECONNECTED -> LOG.info("Cluster: ZooKeeper answers again");
                default -> {
                    // CONNECTED (the first time) and READ_ONLY say nothing an operator acts on
                }
            }
        });
        curator.start();
        if (!curator.blockUntilConnected((int) CONNECT_MILLIS, TimeUnit.MILLISECONDS)) {
            curator.close();
            throw new InvalidSettingException("CLUSTER_ZOOKEEPER", "no ZooKeeper answered at "
                    + cluster.zookeeper().orElseThrow() + " within " + CONNECT_MILLIS / 1000
                    + " s; start it, or leave CLUSTER_ZOOKEEPER empty for a single instance");
        }
        ZooKeeperClusterService service = new ZooKeeperClusterService(new ZooKeeperCuratorConfiguration());
        service.setId(instanceId());
        service.setCuratorFramework(curator);
        service.setBasePath("/docker-health-monitor");
        context.addService(service, true, true);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                curator.close(); // ends the session at once, so that the other instance need not wait for it
            }
        }, true, true);
        CamelClusterView view = service.getView(NAMESPACE);
        view.addEventListener((CamelClusterEventListener.Leadership) (changed, leader) ->
                leadership.elected(leader != null && leader.isLocal()));
        leadership.elected(view.getLocalMember().isLeader()); // elected before the listener was in place
        // started with the context, as Camel does with a route's own policy
        RoutePolicy whileFollowing = ClusteredRoutePolicy.forNamespace(service, NAMESPACE);
        context.addService(whileFollowing);
        context.getRegistry().bind("leaderOnly", RoutePolicy.class, new LeaderOnly(leadership, whileFollowing));
    }

    /** The instance's name in the election: host and process, so that two on one host differ. */
    private static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
