package io.aibrix.gateway.openai;

/** Token usage an engine reported for one request (OpenAI {@code usage}); all counts are non-negative. */
public record Usage(int promptTokens, int completionTokens, int totalTokens) {

    public Usage {
        if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0) {
            throw new IllegalArgumentException("token counts must be non-negative");
        }
    }
}
