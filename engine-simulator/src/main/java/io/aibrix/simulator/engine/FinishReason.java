package io.aibrix.simulator.engine;

/** vLLM's finish reasons, as reported in responses and in {@code vllm:request_success_total{finished_reason}}. */
public enum FinishReason {
    STOP, LENGTH, ABORT;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
