package io.aibrix.gateway.tokenize;

import java.util.Objects;

/**
 * The engine's token IDs of a prompt, or of a prefix of it, and what is known to follow them.
 *
 * @param ids         token IDs as the engine tokenizes them (chat template applied)
 * @param replyTokens when {@code ids} are the prompt of an earlier turn of the conversation and the prompt goes on
 *                    with that turn's reply, an upper bound of the reply's tokens: the engine that served the turn
 *                    generated them right after {@code ids} and may still cache them; else 0
 */
public record PromptIds(int[] ids, int replyTokens) {

    public PromptIds {
        Objects.requireNonNull(ids, "ids");
        if (replyTokens < 0) {
            throw new IllegalArgumentException("replyTokens must not be negative: " + replyTokens);
        }
    }
}
