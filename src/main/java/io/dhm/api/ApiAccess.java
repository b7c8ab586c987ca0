package io.dhm.api;

import org.apache.camel.Header;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Changing calls need `Authorization: Bearer API_TOKEN`; with no API_TOKEN set the API is read-only. */
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

    public void authorize(@Header("Authorization") String authorization) {
        if (token.isEmpty()) {
            throw new ApiException(403, null, "the API is read-only: set API_TOKEN to allow changes");
        }
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new ApiException(401, "Authorization", "send the API token: Authorization: Bearer <API_TOKEN>");
        }
        byte[] given = authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "Authorization", "the bearer token is not API_TOKEN");
        }
        if (follower.getAsBoolean()) {
            throw new ApiException(409, null, "this instance follows in a highly available pair: make changes on the"
                    + " leader (its GET /api/status says \"role\": \"leader\")");
        }
    }

    public boolean writable() {
        return token.isPresent();
    }
}
