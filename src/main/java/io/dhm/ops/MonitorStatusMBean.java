package io.dhm.ops;

/** The monitor's state in JMX, as io.dhm:type=Monitor (jconsole, jshell; see README "Metrics, health and inspection"). */
public interface MonitorStatusMBean {

    /** Containers waiting out WAIT_AND_CHECK_AGAIN_MIN in the confirmation aggregator (its repository in the monitor's database). */
    int getPendingConfirmations();

    /** Their identities (compose project/service/replica, or the container name). */
    String[] getPendingContainers();

    /** Alert copies in the outbox not yet delivered nor given up. */
    int getOutboxPending();

    /** (channel, target) lanes whose last sends all failed, each with its last error. */
    String[] getFailingDeliveries();

    /** Containers auto-heal has quarantined (no more restarts until released or redeployed). */
    int getQuarantined();

    String[] getQuarantinedContainers();

    /** Containers watched now (running, with a healthcheck or a custom check). */
    int getMonitoredContainers();

    int getUnhealthyContainers();
}
