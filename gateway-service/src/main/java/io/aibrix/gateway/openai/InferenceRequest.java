package io.aibrix.gateway.openai;

import java.util.Objects;

import org.springframework.lang.Nullable;

/**
 * What the gateway reads from an inference request body; everything else in the body is passed on untouched.
 *
 * @param api          the endpoint the request was sent to
 * @param model        the requested model, never blank
 * @param stream       {@code stream}, false when absent or null
 * @param includeUsage {@code stream_options.include_usage}, false when absent or null
 * @param user         the OpenAI {@code user} field, or null
 * @param maxTokens    {@code max_completion_tokens} if set, else {@code max_tokens}, else -1
 * @param promptText   chat message texts, completion prompts or embedding inputs joined by single spaces; empty for
 *                     token-ID prompts
 * @param promptTokens token IDs counted exactly plus text estimated at ceil(chars / 4); at least 1 for non-empty text
 */
public record InferenceRequest(InferenceApi api, String model, boolean stream, boolean includeUsage,
        @Nullable String user, int maxTokens, String promptText, int promptTokens) {

    public InferenceRequest {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(promptText, "promptText");
        if (maxTokens < -1 || promptTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be >= -1 and promptTokens >= 0");
        }
    }
}
