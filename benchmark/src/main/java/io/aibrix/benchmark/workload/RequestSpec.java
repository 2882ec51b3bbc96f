package io.aibrix.benchmark.workload;

import java.util.List;

/**
 * What to send: the conversation so far, the exact number of tokens to generate (sent with {@code ignore_eos}, so
 * the engine produces exactly {@code maxTokens}) and the end user the request is made for ({@code user} header and
 * body field), or null when the workload has no notion of users.
 */
public record RequestSpec(List<ChatMessage> messages, int maxTokens, RequestTags tags, String user) {

    public RequestSpec {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one message");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1 but was " + maxTokens);
        }
        if (user != null && user.isBlank()) {
            throw new IllegalArgumentException("user must be null or non-blank");
        }
    }

    /** A request on behalf of no particular user. */
    public RequestSpec(List<ChatMessage> messages, int maxTokens, RequestTags tags) {
        this(messages, maxTokens, tags, null);
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
