package io.dhm.api.guard;

import io.dhm.api.ApiAccess;
import io.dhm.api.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * What Jolokia's own policy (jolokia-access.xml) cannot say, as it does not know the server's port or token: a
 * browser's request must come from a page of the monitor itself (its Origin, else its Referer, names the host and port
 * the request was sent to), so a page of another origin on the same host cannot call an operation; and with API_TOKEN
 * set every call needs `Authorization: Bearer API_TOKEN`, as the API's changes do. Only POST, as in the policy, which
 * leaves Jolokia's version and configuration answering a GET.
 */
final class JolokiaAccess implements Handler<RoutingContext> {

    private final ApiAccess access;

    JolokiaAccess(ApiAccess access) {
        this.access = access;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.method() != HttpMethod.POST) {
            context.response().putHeader(HttpHeaders.ALLOW, "POST");
            refuse(context, new ApiException(405, null, "Jolokia answers POST only"));
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        String page = origin != null ? origin : request.getHeader(HttpHeaders.REFERER);
        if (page != null && !sameAuthority(page, request)) {
            refuse(context, new ApiException(403, "Origin", "Jolokia answers only pages of the monitor's own origin"));
            return;
        }
        try {
            access.authorizeRead(request.getHeader(HttpHeaders.AUTHORIZATION), request.query());
        } catch (ApiException refused) {
            refuse(context, refused);
            return;
        }
        context.next();
    }

    /** Whether a page's URL (an Origin or a Referer) names the host and port the request was sent to. */
    private static boolean sameAuthority(String pageUrl, HttpServerRequest request) {
        HostAndPort authority = request.authority();
        try {
            URI page = new URI(pageUrl.trim());
            if (page.getHost() == null || authority == null) {
                return false;
            }
            int pagePort = page.getPort() != -1 ? page.getPort() : defaultPort(page.getScheme());
            int requestPort = authority.port() >= 0 ? authority.port() : defaultPort(request.scheme());
            return page.getHost().equalsIgnoreCase(authority.host()) && pagePort == requestPort;
        } catch (URISyntaxException malformed) {
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static void refuse(RoutingContext context, ApiException refused) {
        context.response().setStatusCode(refused.getStatus()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject(refused.getBody()).encode());
    }
}
