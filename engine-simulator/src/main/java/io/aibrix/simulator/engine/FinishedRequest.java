package io.aibrix.simulator.engine;

/**
 * A request's outcome and lifecycle timestamps ({@link System#nanoTime()}; {@code firstScheduledNanos} and
 * {@code firstTokenNanos} are 0 when the phase never happened).
 *
 * @param kvTransferBlockIds for a request that asked to hand its KV to a remote decode and finished by length: the
 *        ids of its computed full blocks, in prompt order; otherwise null
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
        long finishedNanos,
        int[] kvTransferBlockIds) {

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
