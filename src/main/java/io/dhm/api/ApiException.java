package io.dhm.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request the API refuses: the HTTP status and the JSON error, naming the field at fault when there is one. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String field;

    public ApiException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, field, message);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, null, what + " not found");
    }

    public int getStatus() {
        return status;
    }

    /** The response body: {"error": "...", "field": "..."}. */
    public Map<String, Object> getBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", getMessage());
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }
}
