package io.aibrix.benchmark.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aibrix.benchmark.workload.ChatMessage;
import io.aibrix.benchmark.workload.RequestSpec;

/**
 * Streaming request bodies. {@code ignore_eos} makes the engine generate exactly {@code max_tokens};
 * {@code include_usage} asks for the final usage chunk with prompt, completion and cached token counts; {@code user}
 * (OpenAI's end-user field) is set when the request is made for a user.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    static byte[] streaming(ObjectMapper json, Api api, String model, RequestSpec spec) {
        ObjectNode root = json.createObjectNode();
        root.put("model", model);
        switch (api) {
            case CHAT -> {
                ArrayNode messages = root.putArray("messages");
                for (ChatMessage message : spec.messages()) {
                    messages.addObject().put("role", message.role()).put("content", message.content());
                }
            }
            case COMPLETIONS -> root.put("prompt", spec.promptText());
        }
        if (spec.user() != null) {
            root.put("user", spec.user());
        }
        root.put("max_tokens", spec.maxTokens());
        root.put("ignore_eos", true);
        root.put("stream", true);
        root.putObject("stream_options").put("include_usage", true);
        try {
            return json.writeValueAsBytes(root);
        }
        catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise a request body", ex);
        }
    }
}
