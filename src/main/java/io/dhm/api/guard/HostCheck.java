package io.dhm.api.guard;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose Host header (HTTP/2: :authority) names a host the server does not answer to, with 421
 * Misdirected Request and a line of text, before any route, Jolokia or health check sees it.
 */
final class HostCheck implements Handler<RoutingContext> {

    private static final int MISDIRECTED = 421;

    private final HostAllowList hosts;

    HostCheck(HostAllowList hosts) {
        this.hosts = hosts;
    }

    /** The Host header of HTTP/1.1, or HTTP/2's :authority (java.net.http's client upgrades to it unasked). */
    @Override
    public void handle(RoutingContext context) {
        HostAndPort authority = context.request().authority();
        if (hosts.allows(authority == null ? null : authority.toString())) {
            context.next();
            return;
        }
        // the name is not echoed: the answer says only what to change
        context.response().setStatusCode(MISDIRECTED).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end("Misdirected request: this monitor does not answer to that host name (see API_ALLOWED_HOSTS)\n");
    }
}
