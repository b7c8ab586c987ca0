package io.dhm.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Reading request bodies and parameters, with errors that name the field. */
final class ApiRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private ApiRequests() {
    }

    /** The body as a JSON object; a body not declared application/json is refused with 415. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String body, String contentType) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "Content-Type", "send the body as JSON with Content-Type: application/json");
        }
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("body", "a JSON object is required");
        }
        try {
            Object parsed = JSON.readValue(body, Object.class);
            if (parsed instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("body", "not JSON: " + e.getOriginalMessage());
        }
        throw ApiException.badRequest("body", "a JSON object is required");
    }

    static String text(Map<String, Object> object, String field, boolean required) {
        Object value = object.get(field);
        if (value == null || (value instanceof String text && text.isBlank())) {
            if (required) {
                throw ApiException.badRequest(field, field + " is required");
            }
            return null;
        }
        if (!(value instanceof String text)) {
            throw ApiException.badRequest(field, field + " must be a string");
        }
        return text.trim();
    }

    static boolean flag(Map<String, Object> object, String field) {
        if (!(object.get(field) instanceof Boolean value)) {
            throw ApiException.badRequest(field, field + " must be true or false");
        }
        return value;
    }

    static Instant instant(Map<String, Object> object, String field) {
        String text = text(object, field, true);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, field + " must be a time like 2026-01-31T18:00:00Z");
        }
    }

    /** The `limit` query parameter: 1 to 1000, 50 when absent. */
    static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badRequest("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
