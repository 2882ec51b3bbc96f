package io.aibrix.benchmark.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Extracts the message of an OpenAI-style error: {@code {"error":{"message":…}}} or the older flat form. */
final class ErrorBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBodies() {
    }

    static String message(JsonNode root) {
        JsonNode error = root.path("error");
        if (error.isObject() && error.hasNonNull("message")) {
            return error.path("message").asText();
        }
        if (error.isTextual()) {
            return error.asText();
        }
        if (root.hasNonNull("message")) {
            return root.path("message").asText();
        }
        return StreamEventParser.abbreviate(root.toString());
    }

    /** The message of an error body, or the (abbreviated) body itself when it is not JSON. */
    static String message(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        try {
            return message(JSON.readTree(body));
        }
        catch (JsonProcessingException ex) {
            return StreamEventParser.abbreviate(body.strip());
        }
    }
}
