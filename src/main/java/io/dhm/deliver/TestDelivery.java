package io.dhm.deliver;

import io.dhm.dispatch.Target;
import io.dhm.dispatch.AlertRouter;
import io.dhm.alert.Alert;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code java -jar docker-health-monitor.jar --test-alert}: one test alert through every configured channel, sent at
 * once (no outbox, no grouping, no retry) so the operator sees per channel and target whether it was delivered.
 */
public final class TestDelivery {

    private TestDelivery() {
    }

    /** Returns 0 when every target took the alert, 1 otherwise. */
    public static int run(Alert test, AlertRouter router, List<Channel> channels, PrintStream out) {
        Map<String, Channel> byName = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
        Alert routed = router.route(test);
        boolean allDelivered = true;
        out.println("Sending test alert " + routed.id() + " through every configured channel:");
        for (Target target : router.targets(routed)) {
            DeliveryResult result = byName.get(target.channel())
                    .deliver(new Batch(target.channel(), target.address(), List.of(routed)));
            allDelivered &= result.outcome() == DeliveryResult.Outcome.DELIVERED;
            out.printf("  %-8s %-45s %s (%s)%n", target.channel(), target.address(), result.outcome(), result.detail());
        }
        return allDelivered ? 0 : 1;
    }
}
