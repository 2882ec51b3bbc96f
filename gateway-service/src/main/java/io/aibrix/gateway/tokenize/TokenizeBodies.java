package io.aibrix.gateway.tokenize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aibrix.gateway.openai.InferenceApi;

/**
 * The JSON of vLLM's {@code /tokenize}, built and read with Jackson's streaming API (no tree, so a large prompt is
 * copied once). Stateless and thread-safe.
 *
 * <p>Request, from the original inference body: chat {@code {"model","messages","add_generation_prompt":true}} plus
 * the fields that change the rendered prompt when the client sent them ({@code tools}, {@code chat_template_kwargs},
 * {@code continue_final_message}, and its own {@code add_generation_prompt}); completions {@code {"model","prompt"}};
 * embeddings send their {@code input} as the {@code prompt}.
 */
final class TokenizeBodies {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    private static final Set<String> CHAT_FIELDS = Set.of("model", "messages", "tools", "chat_template_kwargs",
            "continue_final_message", "add_generation_prompt");

    private TokenizeBodies() {
    }

    /**
     * @throws IllegalArgumentException when the body is not a JSON object with the API's prompt field
     */
    static byte[] request(InferenceApi api, byte[] inferenceBody) {
        return request(api, inferenceBody, true);
    }

    /**
     * @param generationPrompt for a chat request that does not say, whether to render the assistant's generation
     *                         prompt after the messages
     * @throws IllegalArgumentException when the body is not a JSON object with the API's prompt field
     */
    static byte[] request(InferenceApi api, byte[] inferenceBody, boolean generationPrompt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(inferenceBody.length + 64);
        try (JsonParser p = JSON.createParser(inferenceBody); JsonGenerator g = JSON.createGenerator(out)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("request body is not a JSON object");
            }
            g.writeStartObject();
            boolean prompt = false;
            boolean clientGenerationPrompt = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                String target = target(api, name);
                if (target == null) {
                    p.skipChildren();
                    continue;
                }
                g.writeFieldName(target);
                g.copyCurrentStructure(p);
                prompt |= name.equals(api.promptField());
                clientGenerationPrompt |= name.equals("add_generation_prompt");
            }
            if (!prompt) {
                throw new IllegalArgumentException("request body has no '" + api.promptField() + "'");
            }
            if (api == InferenceApi.CHAT_COMPLETIONS && !clientGenerationPrompt) {
                g.writeBooleanField("add_generation_prompt", generationPrompt);
            }
            g.writeEndObject();
        }
        catch (IOException e) {
            throw new IllegalArgumentException("request body is not valid JSON: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * A {@code /tokenize} body (from {@link #request}) with its prompt text replaced by {@code text}: the last
     * message's {@code content} for chat, the {@code prompt} for completions.
     *
     * @throws IllegalArgumentException when the body has no such text field
     */
    static byte[] withText(InferenceApi api, byte[] tokenizeBody, String text) {
        try {
            JsonNode root = MAPPER.readTree(tokenizeBody);
            ObjectNode target = switch (api) {
                case CHAT_COMPLETIONS -> root.path("messages").isArray() && !root.path("messages").isEmpty()
                        && root.path("messages").get(root.path("messages").size() - 1) instanceof ObjectNode last
                        ? last : null;
                case COMPLETIONS -> root instanceof ObjectNode object ? object : null;
                case EMBEDDINGS -> null;
            };
            String field = api == InferenceApi.CHAT_COMPLETIONS ? "content" : "prompt";
            if (target == null || !target.path(field).isTextual()) {
                throw new IllegalArgumentException("request has no text '" + field + "' to replace");
            }
            target.put(field, text);
            return MAPPER.writeValueAsBytes(root);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("request body is not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * A chat {@code /tokenize} body (from {@link #request}) with only its first {@code count} messages.
     *
     * @throws IllegalArgumentException when the body has fewer messages
     */
    static byte[] withMessages(byte[] tokenizeBody, int count) {
        try {
            JsonNode root = MAPPER.readTree(tokenizeBody);
            if (!(root.path("messages") instanceof ArrayNode messages) || messages.size() < count) {
                throw new IllegalArgumentException("request has fewer than " + count + " messages");
            }
            while (messages.size() > count) {
                messages.remove(messages.size() - 1);
            }
            return MAPPER.writeValueAsBytes(root);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("request body is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The field name to copy {@code name} to, or null to drop it. */
    private static String target(InferenceApi api, String name) {
        return switch (api) {
            case CHAT_COMPLETIONS -> CHAT_FIELDS.contains(name) ? name : null;
            case COMPLETIONS -> name.equals("model") || name.equals("prompt") ? name : null;
            case EMBEDDINGS -> name.equals("model") ? name : name.equals("input") ? "prompt" : null;
        };
    }

    /**
     * The {@code tokens} of a {@code /tokenize} response.
     *
     * @throws IllegalArgumentException when the body is not an object with an array of integer {@code tokens}
     */
    static int[] tokens(byte[] responseBody) {
        try (JsonParser p = JSON.createParser(responseBody)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("response is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!name.equals("tokens")) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new IllegalArgumentException("'tokens' is not an array");
                }
                return readIds(p);
            }
            throw new IllegalArgumentException("response has no 'tokens'");
        }
        catch (IOException e) {
            throw new IllegalArgumentException("response is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static int[] readIds(JsonParser p) throws IOException {
        int[] ids = new int[256];
        int size = 0;
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            if (token != JsonToken.VALUE_NUMBER_INT) {
                throw new IllegalArgumentException("'tokens' holds a non-integer: " + token);
            }
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = p.getIntValue();
        }
        return Arrays.copyOf(ids, size);
    }
}
