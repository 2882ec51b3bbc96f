package io.aibrix.batch.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.batch.results.LineResult;

import org.springframework.lang.Nullable;

/**
 * What the batch needs from an OpenAI-style response body: token usage ({@code usage.prompt_tokens}, ...) and the
 * response id, which stands in for a request id when the upstream sends no {@code x-request-id}.
 */
final class UsageReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UsageReader() {
    }

    static @Nullable String id(String body) {
        try {
            JsonNode id = JSON.readTree(body).path("id");
            return id.isTextual() ? id.textValue() : null;
        } catch (Exception e) {
            return null;
        }
    }

    static LineResult.Tokens read(String body) {
        try {
            JsonNode usage = JSON.readTree(body).path("usage");
            if (!usage.isObject()) {
                return LineResult.Tokens.NONE;
            }
            return new LineResult.Tokens(usage.path("prompt_tokens").asLong(0),
                    usage.path("prompt_tokens_details").path("cached_tokens").asLong(0),
                    usage.path("completion_tokens").asLong(0),
                    usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
        } catch (Exception e) {
            return LineResult.Tokens.NONE;
        }
    }
}
