package io.aibrix.simulator.engine;

/**
 * A request's outcome and lifecycle timestamps ({@link System#nanoTime()}; {@code firstScheduledNanos} and
 * {@code firstTokenNanos} are 0 when the phase never happened).
 */
public record FinishedRequest(
        String id,
        FinishReason reason,
        int promptTokens,
        int completionTokens,
        int cachedTokens,
        int maxOutputTokens,
        int preemptions,
        long arrivalNanos,
        long firstScheduledNanos,
        long firstTokenNanos,
        long finishedNanos) {

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
