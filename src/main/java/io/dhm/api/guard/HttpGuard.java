package io.dhm.api.guard;

import io.dhm.api.ApiAccess;
import io.dhm.config.ApiSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Puts the checks every request of the embedded HTTP server passes first on its Vert.x router, ahead of the routes
 * (API, dashboard, acknowledge pages) and of Camel's management handlers (health, metrics, Jolokia), which all share
 * that router: the Host header ({@link HostCheck}), Jolokia's callers ({@link JolokiaAccess}), and the answer to a
 * request Vert.x refuses ({@link ClientErrors}).
 *
 * <p>Camel Main starts the server in a startup listener of its own, ordered just before {@link Ordered#LOWEST}; this
 * one comes after it, when the router exists, and before any route starts (Camel offers no step between the router's
 * creation and the server's listening: health and Jolokia answer unguarded for the moments between the two listeners,
 * while the monitor starts). A router that is not there fails the start: the server would otherwise run unguarded.
 */
public final class HttpGuard implements StartupListener, Ordered {

    /** Before Vert.x's and Camel's handlers, which take the order they are added in from 0. */
    private static final int FIRST = -1_000;

    private final int port;
    private final String jolokiaPath;
    private final HostAllowList hosts;
    private final ApiAccess access;

    public HttpGuard(ApiSettings api, String jolokiaPath) {
        this.port = api.port();
        this.jolokiaPath = jolokiaPath;
        this.hosts = HostAllowList.of(api);
        this.access = new ApiAccess(api.token());
    }

    @Override
    public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("the HTTP server on port " + port + " has no router to guard");
        }
        router.route().order(FIRST).handler(new HostCheck(hosts)).failureHandler(new ClientErrors());
        router.route(jolokiaPath + "*").order(FIRST + 1).handler(new JolokiaAccess(access));
    }

    /** Nothing more to do once started: the checks stay on the router as long as the server runs. */
    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST;
    }
}
