package io.dhm.api.guard;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request Vert.x itself refuses before any route runs (a form field over its 8 KB limit, a malformed body) is the
 * client's error: it gets its 4xx and a line of text, and the log one DEBUG line. Left to Vert.x, each would be logged
 * as an ERROR with a stack trace of some 45 lines, so that anyone who can reach the port could flood the log. A failure
 * of the server's own (5xx) goes on to Vert.x, and is logged in full.
 */
final class ClientErrors implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ClientErrors.class);

    @Override
    public void handle(RoutingContext context) {
        int status = context.statusCode();
        if (status < 400 || status > 499 || context.response().headWritten()) {
            context.next();
            return;
        }
        LOG.debug("HTTP {} {} refused with {}: {}", context.request().method(), context.request().path(), status,
                context.failure() == null ? "-" : context.failure().toString());
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(status + " " + HttpResponseStatus.valueOf(status).reasonPhrase() + "\n");
    }
}
