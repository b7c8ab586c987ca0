package io.dhm.api;

import org.apache.camel.Exchange;
import org.apache.camel.Header;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Changing calls, and reads of the configuration, need `Authorization: Bearer API_TOKEN`; with no API_TOKEN set the API
 * is read-only and the configuration (secrets masked) open to read.
 */
public class ApiAccess {

    private final Optional<String> token;
    private final BooleanSupplier follower;

    public ApiAccess(Optional<String> token) {
        this(token, () -> false);
    }

    /**
     * @param follower whether this instance follows in a highly available pair: it refuses changes, which the leader
     *                 would not see (the stores' copies in memory are the leader's)
     */
    public ApiAccess(Optional<String> token, BooleanSupplier follower) {
        this.token = token;
        this.follower = follower;
    }

    /** A change: needs the token, and an instance that may change things. */
    public void authorize(@Header("Authorization") String authorization, @Header(Exchange.HTTP_QUERY) String query) {
        if (token.isEmpty()) {
            throw new ApiException(403, null, "the API is read-only: set API_TOKEN to allow changes");
        }
        checkToken(authorization, query);
        if (follower.getAsBoolean()) {
            throw new ApiException(409, null, "this instance follows in a highly available pair: make changes on the"
                    + " leader (its GET /api/status says \"role\": \"leader\")");
        }
    }

    /** A read of the configuration: needs the token when one is set. */
    public void authorizeRead(@Header("Authorization") String authorization, @Header(Exchange.HTTP_QUERY) String query) {
        if (token.isPresent()) {
            checkToken(authorization, query);
        }
    }

    /**
     * The token counts only in the Authorization header: the HTTP server copies query parameters into headers, and a
     * token in a URL ends up in browser history and proxy logs, so a query that names it is refused outright.
     */
    private void checkToken(String authorization, String query) {
        if (query != null && namesAuthorization(query)) {
            throw new ApiException(400, "Authorization", "send the API token in the Authorization header, never in the URL");
        }
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new ApiException(401, "Authorization", "send the API token: Authorization: Bearer <API_TOKEN>");
        }
        byte[] given = authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "Authorization", "the bearer token is not API_TOKEN");
        }
    }

    /** Whether a parameter of the query is named Authorization, in any case, percent-encoded or not. */
    private static boolean namesAuthorization(String query) {
        for (String parameter : query.split("&")) {
            String name = parameter.split("=", 2)[0];
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                // not decodable: compared as it stands
            }
            if ("authorization".equalsIgnoreCase(name.trim())) {
                return true;
            }
        }
        return false;
    }

    public boolean writable() {
        return token.isPresent();
    }
}
