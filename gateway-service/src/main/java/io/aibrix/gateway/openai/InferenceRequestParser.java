package io.aibrix.gateway.openai;

import java.io.IOException;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import org.springframework.lang.Nullable;

/**
 * Reads the fields routing needs from an inference request body in one pass of Jackson's streaming parser, skipping
 * everything else without building a tree. Stateless and thread-safe; never blocks.
 */
public final class InferenceRequestParser {

    /**
     * @throws InvalidRequestException (400) when the body is not one JSON object, a read field has the wrong type, or
     *                                 {@code model} or the API's prompt field is missing or empty
     */
    public InferenceRequest parse(InferenceApi api, byte[] body) {
        Objects.requireNonNull(api, "api");
        try (JsonParser p = Json.FACTORY.createParser(body)) {
            return read(api, p);
        }
        catch (JsonProcessingException e) {
            throw new InvalidRequestException("request body is not valid JSON: " + e.getOriginalMessage(), null, e);
        }
        catch (IOException e) {
            throw new InvalidRequestException("request body is not valid JSON: " + e.getMessage(), null, e);
        }
    }

    private static InferenceRequest read(InferenceApi api, JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new InvalidRequestException(first == null ? "request body is empty"
                    : "request body must be a JSON object, got " + Json.describe(p), null);
        }
        String model = null;
        boolean stream = false;
        boolean includeUsage = false;
        String user = null;
        int maxTokens = -1;
        int maxCompletionTokens = -1;
        PromptReader prompt = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "model" -> model = optionalString(p, name);
                case "stream" -> stream = optionalBoolean(p, name);
                case "stream_options" -> includeUsage = includeUsage(p);
                case "user" -> user = optionalString(p, name);
                case "max_tokens" -> maxTokens = optionalPositiveInt(p, name);
                case "max_completion_tokens" -> maxCompletionTokens = optionalPositiveInt(p, name);
                default -> {
                    if (name.equals(api.promptField()) && p.currentToken() != JsonToken.VALUE_NULL) {
                        prompt = new PromptReader(); // a repeated field replaces the earlier one, as in Python
                        if (api == InferenceApi.CHAT_COMPLETIONS) {
                            prompt.readMessages(p, name);
                        }
                        else {
                            prompt.readPrompt(p, name);
                        }
                    }
                    else {
                        p.skipChildren();
                    }
                }
            }
        }
        if (p.nextToken() != null) {
            throw new InvalidRequestException("request body has data after the JSON object", null);
        }
        if (model == null) {
            throw new InvalidRequestException("'model' is required", "model");
        }
        if (model.isBlank()) {
            throw new InvalidRequestException("'model' must not be blank", "model");
        }
        if (prompt == null) {
            throw new InvalidRequestException("'" + api.promptField() + "' is required", api.promptField());
        }
        if (stream && api == InferenceApi.EMBEDDINGS) {
            throw new InvalidRequestException("'stream' is not supported for embeddings", "stream");
        }
        return new InferenceRequest(api, model, stream, includeUsage, user,
                maxCompletionTokens != -1 ? maxCompletionTokens : maxTokens, prompt.text(), prompt.estimatedTokens());
    }

    private static @Nullable String optionalString(JsonParser p, String field) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NULL -> null;
            default -> throw wrongType(p, field, "a string");
        };
    }

    private static boolean optionalBoolean(JsonParser p, String field) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            default -> throw wrongType(p, field, "a boolean");
        };
    }

    private static boolean includeUsage(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token != JsonToken.START_OBJECT) {
            throw wrongType(p, "stream_options", "an object");
        }
        boolean includeUsage = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean wanted = "include_usage".equals(p.currentName());
            p.nextToken();
            if (wanted) {
                includeUsage = optionalBoolean(p, "stream_options.include_usage");
            }
            else {
                p.skipChildren();
            }
        }
        return includeUsage;
    }

    /** A token limit: -1 when null; integral numbers only (5.0 is accepted, as vLLM does), at least 1. */
    private static int optionalPositiveInt(JsonParser p, String field) throws IOException {
        long value;
        switch (p.currentToken()) {
            case VALUE_NULL -> {
                return -1;
            }
            case VALUE_NUMBER_INT -> value = p.getNumberType() == JsonParser.NumberType.INT ? p.getIntValue()
                    : p.getText().startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
            case VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                if (d != Math.rint(d)) {
                    throw wrongType(p, field, "an integer");
                }
                value = d >= Long.MAX_VALUE ? Long.MAX_VALUE : d <= Long.MIN_VALUE ? Long.MIN_VALUE : (long) d;
            }
            default -> throw wrongType(p, field, "an integer");
        }
        if (value < 1) {
            throw new InvalidRequestException("'" + field + "' must be at least 1, got " + p.getText(), field);
        }
        if (value > Integer.MAX_VALUE) {
            throw new InvalidRequestException("'" + field + "' is too large, got " + p.getText(), field);
        }
        return (int) value;
    }

    private static InvalidRequestException wrongType(JsonParser p, String field, String expected) throws IOException {
        int dot = field.indexOf('.');
        return new InvalidRequestException("'" + field + "' must be " + expected + ", got " + Json.describe(p),
                dot < 0 ? field : field.substring(0, dot));
    }
}
