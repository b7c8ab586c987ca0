package io.dhm.ops;

import io.dhm.deliver.DeliveryLoop;
import org.apache.camel.spi.AggregationRepository;
import org.apache.camel.support.service.ServiceSupport;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;

/**
 * The JMX view of what the routes' own MBeans do not show: pending confirmations, the outbox and quarantines.
 * Registered in the platform MBean server (where Camel's MBeans are too) while the monitor runs.
 */
public class MonitorStatus extends ServiceSupport implements MonitorStatusMBean {

    public static final String OBJECT_NAME = "io.dhm:type=Monitor";

    private final MonitorState state;
    private final AggregationRepository confirmations;
    private final DeliveryLoop deliveryLoop;
    private final ObjectName name;

    public MonitorStatus(MonitorState state, AggregationRepository confirmations, DeliveryLoop deliveryLoop) {
        this.state = state;
        this.confirmations = confirmations;
        this.deliveryLoop = deliveryLoop;
        try {
            this.name = new ObjectName(OBJECT_NAME);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void doStart() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.registerMBean(this, name);
        } catch (InstanceAlreadyExistsException e) {
            // a previous monitor in this JVM (tests) did not stop cleanly: this one is the one to show
            server.unregisterMBean(name);
            server.registerMBean(this, name);
        }
    }

    @Override
    protected void doStop() throws Exception {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (InstanceNotFoundException ignored) {
            // not registered
        }
    }

    @Override
    public int getPendingConfirmations() {
        return confirmations.getKeys().size();
    }

    @Override
    public String[] getPendingContainers() {
        return confirmations.getKeys().stream().sorted().toArray(String[]::new);
    }

    @Override
    public int getOutboxPending() {
        try {
            return deliveryLoop.pendingCount();
        } catch (SQLException e) {
            throw new IllegalStateException("the outbox database does not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public String[] getFailingDeliveries() {
        return deliveryLoop.failingLanes(1).stream()
                .map(lane -> lane.channel() + " to " + DeliveryLoop.shown(lane.target()) + ": " + lane.failures()
                        + " failed since " + lane.since() + " (" + lane.lastError() + ")")
                .toArray(String[]::new);
    }

    @Override
    public int getQuarantined() {
        return state.quarantined().size();
    }

    @Override
    public String[] getQuarantinedContainers() {
        return state.quarantined().toArray(String[]::new);
    }

    @Override
    public int getMonitoredContainers() {
        return state.census().total("monitored");
    }

    @Override
    public int getUnhealthyContainers() {
        return state.census().total("unhealthy");
    }
}
