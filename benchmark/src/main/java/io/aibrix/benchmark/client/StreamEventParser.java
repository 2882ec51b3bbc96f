package io.aibrix.benchmark.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns the data of one SSE event into a {@link StreamEvent} for the chat or completions API. */
public final class StreamEventParser {

    private final Api api;
    private final ObjectMapper json;

    public StreamEventParser(Api api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    public StreamEvent parse(String data) {
        String payload = data.strip();
        if (payload.equals("[DONE]")) {
            return new StreamEvent.Done();
        }
        JsonNode root;
        try {
            root = json.readTree(payload);
        }
        catch (JsonProcessingException ex) {
            return new StreamEvent.Failure("malformed stream chunk: " + abbreviate(payload));
        }
        if (root.hasNonNull("error") || "error".equals(root.path("object").asText())) {
            return new StreamEvent.Failure(ErrorBodies.message(root));
        }
        JsonNode choice = root.path("choices").path(0);
        JsonNode text = api == Api.CHAT ? choice.path("delta").path("content") : choice.path("text");
        JsonNode finish = choice.path("finish_reason");
        return new StreamEvent.Chunk(text.isTextual() ? text.asText() : null,
                finish.isTextual() ? finish.asText() : null, usage(root.path("usage")));
    }

    private static StreamEvent.Usage usage(JsonNode usage) {
        if (!usage.isObject()) {
            return null;
        }
        return new StreamEvent.Usage(usage.path("prompt_tokens").asInt(), usage.path("completion_tokens").asInt(),
                usage.path("prompt_tokens_details").path("cached_tokens").asInt());
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
