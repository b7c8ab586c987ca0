package io.dhm.api;

import java.util.Map;

/** The JSON error of a failure that is not an {@link ApiException}. */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static Map<String, Object> of(String message) {
        return Map.of("error", message == null ? "internal error" : message);
    }
}
