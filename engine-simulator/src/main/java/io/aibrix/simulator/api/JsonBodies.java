package io.aibrix.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads request bodies leniently but strictly typed: malformed JSON and wrongly typed fields become 400s naming the
 * field and the bad value, never 500s. Writes compact JSON, as vLLM's pydantic models do.
 */
public final class JsonBodies {

    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw VllmException.badRequest("Request body must be a JSON object but was empty");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw VllmException.badRequest("Invalid JSON body: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw VllmException.badRequest("Request body must be a JSON object");
        }
        return node;
    }

    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    public String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A string field, or null when absent or JSON null. */
    public static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw VllmException.badRequest("'" + field + "' must be a string but was " + value);
        }
        return value.asText();
    }

    /** An integer field of at least {@code min}, or null when absent. */
    public static Integer integer(JsonNode request, String field, int min) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw VllmException.badRequest("'" + field + "' must be an integer but was " + value);
        }
        if (value.intValue() < min) {
            throw VllmException.badRequest("'" + field + "' must be at least " + min + ", got " + value.intValue()
                    + ".");
        }
        return value.intValue();
    }

    public static boolean bool(JsonNode request, String field, boolean defaultValue) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw VllmException.badRequest("'" + field + "' must be a boolean but was " + value);
        }
        return value.booleanValue();
    }
}
