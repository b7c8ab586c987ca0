package io.dhm.deliver;

import io.dhm.dispatch.DispatchConfiguration;
import io.dhm.foundation.FoundationConfiguration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.StartupListener;

import java.util.function.IntConsumer;

/**
 * {@code --test-alert}: nothing is observed (Camel starts no route by itself); once the context runs, only the
 * channel routes start, one test alert goes through every configured channel, and the exit code says how it went.
 */
public class TestAlert implements CamelConfiguration, StartupListener {

    private final FoundationConfiguration foundation;
    private final DispatchConfiguration dispatch;
    private final DeliverConfiguration delivery;
    private final IntConsumer done;

    public TestAlert(FoundationConfiguration foundation, DispatchConfiguration dispatch, DeliverConfiguration delivery,
                     IntConsumer done) {
        this.foundation = foundation;
        this.dispatch = dispatch;
        this.delivery = delivery;
        this.done = done;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        context.addStartupListener(this);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the channel routes can start only once the context has
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        for (Route route : context.getRoutes()) {
            if (route.getRouteId().startsWith("channel-") || route.getRouteId().equals("render-email")) {
                context.getRouteController().startRoute(route.getRouteId());
            }
        }
        done.accept(TestDelivery.run(foundation.alertFactory().test(), dispatch.alertRouter(), delivery.channels(),
                System.out));
    }
}
