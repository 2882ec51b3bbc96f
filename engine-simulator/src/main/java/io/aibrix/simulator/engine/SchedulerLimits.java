package io.aibrix.simulator.engine;

/** The scheduler's capacity knobs, as vLLM names them. */
public record SchedulerLimits(int maxNumSeqs, int maxNumBatchedTokens, int maxModelLength) {

    public SchedulerLimits {
        if (maxNumSeqs < 1 || maxNumBatchedTokens < 1 || maxModelLength < 1) {
            throw new IllegalArgumentException("scheduler limits must be positive: " + maxNumSeqs + ", "
                    + maxNumBatchedTokens + ", " + maxModelLength);
        }
    }
}
