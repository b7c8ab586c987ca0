package io.dhm.cluster;

import org.apache.camel.Exchange;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.processor.aggregate.AggregateProcessor;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.RoutePolicySupport;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The one rule "only the leader acts", as route policy {@code leaderOnly}: every route that alerts, heals, delivers or
 * pings declares {@code routePolicy: leaderOnly}, and nothing else in the monitor asks who leads before acting.
 *
 * <p>While this instance follows, an exchange that enters such a route ends there, as a {@code stop} would: the route
 * does nothing, and neither does the rest of the route that called it. A follower still calls these routes (its
 * signal routes keep counting, and hand what they find to {@code dispatch}), so a leader-only route stays started
 * and callable. The one exception is a route whose steps keep waits of their own (an aggregator: its timeouts and
 * the recovery of its shared repository run without any exchange entering): that route is stopped while this
 * instance follows and started when it leads ({@code whileFollowing}, Camel's ClusteredRoutePolicy in a pair), so
 * that those waits end on the leader only. A single process always leads: every route acts.
 */
public class LeaderOnly extends RoutePolicySupport {

    private final BooleanSupplier follower;
    private final RoutePolicy whileFollowing;

    /**
     * @param leadership     who leads
     * @param whileFollowing stops and starts the routes that keep waits of their own with the election; null for a
     *                       single process, whose routes always run
     */
    public LeaderOnly(Leadership leadership, RoutePolicy whileFollowing) {
        this.follower = leadership::follower;
        this.whileFollowing = whileFollowing;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        if (follower.getAsBoolean()) {
            exchange.setRouteStop(true);
        }
    }

    @Override
    public void onInit(Route route) {
        super.onInit(route);
        if (whileFollowing != null && keepsWaits(route)) {
            whileFollowing.onInit(route);
        }
    }

    @Override
    public void onRemove(Route route) {
        if (whileFollowing != null && keepsWaits(route)) {
            whileFollowing.onRemove(route);
        }
    }

    /** Whether the route's steps include an aggregator, at any depth. */
    static boolean keepsWaits(Route route) {
        return containsAggregator(route.navigate());
    }

    private static boolean containsAggregator(Navigate<Processor> node) {
        if (node == null || !node.hasNext()) {
            return false;
        }
        List<Processor> next = node.next();
        for (Processor processor : next) {
            if (processor instanceof AggregateProcessor) {
                return true;
            }
            if (processor instanceof Navigate<?> inner && containsAggregator(navigable(inner))) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Navigate<Processor> navigable(Navigate<?> inner) {
        return (Navigate<Processor>) inner;
    }
}
