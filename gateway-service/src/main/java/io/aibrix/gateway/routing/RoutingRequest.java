package io.aibrix.gateway.routing;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.lang.Nullable;

/**
 * What routing may know about one inference request, read once from its body and headers.
 *
 * @param requestId    the gateway's request ID
 * @param model        the requested model (a base model or a LoRA adapter)
 * @param promptText   the prompt as text: chat message contents joined by single spaces, a completion prompt, or the
 *                     embedding inputs joined by spaces; may be empty (token-ID prompts carry no text)
 * @param promptTokens estimated prompt length in tokens (never negative)
 * @param maxTokens    {@code max_tokens}/{@code max_completion_tokens}, or -1 when the request does not set it
 * @param stream       whether the client asked for SSE
 * @param user         the caller's identity (OpenAI {@code user} field or authenticated user), or null
 * @param headers      request headers with lower-case names (first value of each)
 * @param promptTokenIds the prompt as the engine tokenizes it (chat template applied), or null when it was not
 *                     tokenized: only strategies whose {@link RoutingStrategy#needsPromptTokens()} is true get it, and
 *                     only when the engine's tokenizer answered; never modified. They may be a prefix of the
 *                     prompt (an earlier turn of the conversation, a recurring start), known before the engine
 *                     answered for the whole prompt
 * @param replyTokens  when {@code promptTokenIds} are an earlier turn's prompt and the prompt goes on with that turn's
 *                     reply, an upper bound of the reply's tokens (the engine that served the turn generated them
 *                     right after those IDs); else 0
 */
public record RoutingRequest(String requestId, String model, String promptText, int promptTokens, int maxTokens,
        boolean stream, @Nullable String user, Map<String, String> headers, @Nullable int[] promptTokenIds,
        int replyTokens) {

    public RoutingRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(promptText, "promptText");
        headers = Map.copyOf(headers);
        if (replyTokens < 0 || replyTokens > 0 && promptTokenIds == null) {
            throw new IllegalArgumentException("replyTokens must be 0 without token IDs and never negative");
        }
    }

    /** A request whose prompt was not tokenized. */
    public RoutingRequest(String requestId, String model, String promptText, int promptTokens, int maxTokens,
            boolean stream, @Nullable String user, Map<String, String> headers) {
        this(requestId, model, promptText, promptTokens, maxTokens, stream, user, headers, null, 0);
    }

    /** This request with the engine's token IDs for its prompt. */
    public RoutingRequest withPromptTokenIds(int[] tokenIds) {
        return withPromptTokenIds(tokenIds, 0);
    }

    /** This request with the engine's token IDs for its prompt or a prefix, and the reply that follows them. */
    public RoutingRequest withPromptTokenIds(int[] tokenIds, int replyTokens) {
        return new RoutingRequest(requestId, model, promptText, promptTokens, maxTokens, stream, user, headers,
                Objects.requireNonNull(tokenIds, "tokenIds"), replyTokens);
    }

    /** A header's first value, by case-insensitive name; null when absent. */
    public @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
