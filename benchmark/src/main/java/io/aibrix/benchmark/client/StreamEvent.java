package io.aibrix.benchmark.client;

/** One decoded SSE payload of a streaming completion. */
public sealed interface StreamEvent {

    /** {@code data: [DONE]}: the stream is complete. */
    record Done() implements StreamEvent {
    }

    /** An error object sent inside the stream. */
    record Failure(String message) implements StreamEvent {
    }

    /**
     * A completion chunk. {@code text} is the delta (null or empty for the role-only first chunk and the usage
     * chunk); {@code finishReason} and {@code usage} are null unless present.
     */
    record Chunk(String text, String finishReason, Usage usage) implements StreamEvent {
    }

    /** Token accounting from the {@code include_usage} chunk; {@code cachedTokens} is 0 when not reported. */
    record Usage(int promptTokens, int completionTokens, int cachedTokens) {
    }
}
