package io.dhm.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.aggregate.UseLatestAggregationStrategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Route policy leaderOnly, on routes of a real CamelContext, driven by hand through the election. */
class LeaderOnlyTest {

    private final List<String> steps = new ArrayList<>();

    /** A route every instance runs (watch), calling a leader-only one (act); what watch does after the call. */
    private CamelContext context(Leadership leadership) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("leaderOnly", new LeaderOnly(leadership, null));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:watch").routeId("watch")
                        .process(exchange -> steps.add("watched"))
                        .to("direct:act")
                        .process(exchange -> steps.add("after the act"));
                from("direct:act").routeId("act").routePolicyRef("leaderOnly")
                        .process(exchange -> steps.add("acted"));
            }
        });
        context.start();
        return context;
    }

    @Test
    void aFollowerWatchesAndStopsWhereALeaderOnlyRouteBegins() throws Exception {
        Leadership pair = Leadership.elected();
        try (CamelContext context = context(pair)) {
            ProducerTemplate producer = context.createProducerTemplate();
            producer.sendBody("direct:watch", "transition");
            assertEquals(List.of("watched"), steps, "the act, and the rest of the caller, is the leader's");
            assertTrue(context.getRouteController().getRouteStatus("act").isStarted(),
                    "still callable: a follower's own routes call it");

            pair.elected(true);
            steps.clear();
            producer.sendBody("direct:watch", "transition");
            assertEquals(List.of("watched", "acted", "after the act"), steps);
        }
    }

    @Test
    void aSingleProcessAlwaysActs() throws Exception {
        try (CamelContext context = context(Leadership.single())) {
            context.createProducerTemplate().sendBody("direct:watch", "transition");
            assertEquals(List.of("watched", "acted", "after the act"), steps);
        }
    }

    @Test
    void aRouteThatAggregatesKeepsWaitsOfItsOwnAndOneThatDoesNotKeepsNone() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:waits").routeId("waits")
                            .filter(constant(true))
                                .aggregate(body(), new UseLatestAggregationStrategy()).completionTimeout(60_000)
                                    .log("${body}");
                    from("direct:plain").routeId("plain").filter(constant(true)).log("${body}");
                }
            });
            context.start();
            assertTrue(LeaderOnly.keepsWaits(context.getRoute("waits")), "an aggregator nested in a filter");
            assertFalse(LeaderOnly.keepsWaits(context.getRoute("plain")));
        }
    }
}
