package io.aibrix.gateway.openai;

import org.springframework.lang.Nullable;

/** The OpenAI inference endpoints the gateway routes, each with the body field that carries its prompt. */
public enum InferenceApi {

    CHAT_COMPLETIONS("/v1/chat/completions", "messages"),
    COMPLETIONS("/v1/completions", "prompt"),
    EMBEDDINGS("/v1/embeddings", "input");

    private final String path;
    private final String promptField;

    InferenceApi(String path, String promptField) {
        this.path = path;
        this.promptField = promptField;
    }

    /** The request path, e.g. {@code /v1/chat/completions}. */
    public String path() {
        return path;
    }

    /** The required body field that holds the prompt: {@code messages}, {@code prompt} or {@code input}. */
    public String promptField() {
        return promptField;
    }

    /** The API served at exactly this path (no trailing slash, no query), or null when the gateway routes none. */
    public static @Nullable InferenceApi fromPath(String path) {
        return switch (path) {
            case "/v1/chat/completions" -> CHAT_COMPLETIONS;
            case "/v1/completions" -> COMPLETIONS;
            case "/v1/embeddings" -> EMBEDDINGS;
            default -> null;
        };
    }
}
