package io.dhm.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether this instance is the one that alerts and heals. A single process always is. In a highly available pair
 * (CLUSTER_ZOOKEEPER) an instance starts as a follower and becomes the leader when the cluster service elects it: only
 * the leader confirms, dispatches, delivers, heals and writes the history; followers keep watching the engines, so
 * that a take-over starts from a warm view.
 */
public class Leadership {

    /** What an instance is: one of a kind, or one of a pair. */
    public enum Role { SINGLE, LEADER, FOLLOWER }

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    private volatile Role role;
    private final List<Runnable> takeOvers = new CopyOnWriteArrayList<>();

    private Leadership(Role role) {
        this.role = role;
    }

    /** A monitor without a pair: always the leader. */
    public static Leadership single() {
        return new Leadership(Role.SINGLE);
    }

    /** One of a pair, a follower until the cluster service elects it. */
    public static Leadership elected() {
        return new Leadership(Role.FOLLOWER);
    }

    public boolean leader() {
        return role != Role.FOLLOWER;
    }

    /** For the routes' guards: "stop here, this instance only watches". */
    public boolean follower() {
        return role == Role.FOLLOWER;
    }

    public Role role() {
        return role;
    }

    public String roleName() {
        return role.name().toLowerCase(Locale.ROOT);
    }

    /** What to do when this instance takes over: pick up the alerted containers and pending waits of the pair. */
    public void onTakeOver(Runnable takeOver) {
        takeOvers.add(takeOver);
    }

    /** The cluster service's word: this instance leads now, or no longer. */
    public synchronized void elected(boolean leads) {
        if (role == Role.SINGLE || leads == (role == Role.LEADER)) {
            return;
        }
        role = leads ? Role.LEADER : Role.FOLLOWER;
        if (leads) {
            LOG.warn("Cluster: this instance is the leader now: it alerts and heals");
            takeOvers.forEach(Runnable::run);
        } else {
            LOG.warn("Cluster: this instance is a follower now: it watches, the leader alerts and heals");
        }
    }
}
