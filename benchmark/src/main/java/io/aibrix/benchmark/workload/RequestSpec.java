package io.aibrix.benchmark.workload;

import java.util.List;

/**
 * What to send: the conversation so far and the exact number of tokens to generate (sent with
 * {@code ignore_eos}, so the engine produces exactly {@code maxTokens}).
 */
public record RequestSpec(List<ChatMessage> messages, int maxTokens, RequestTags tags) {

    public RequestSpec {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one message");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1 but was " + maxTokens);
        }
    }

    /** The messages flattened for the completions API, one per line; the word tokenizer ignores the newlines. */
    public String promptText() {
        if (messages.size() == 1) {
            return messages.getFirst().content();
        }
        StringBuilder prompt = new StringBuilder();
        for (ChatMessage message : messages) {
            if (!prompt.isEmpty()) {
                prompt.append('\n');
            }
            prompt.append(message.content());
        }
        return prompt.toString();
    }
}
