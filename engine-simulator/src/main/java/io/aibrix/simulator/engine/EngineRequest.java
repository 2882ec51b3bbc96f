package io.aibrix.simulator.engine;

/**
 * A tokenized request handed to the engine.
 *
 * @param maxOutputTokens generation stops with {@code length} after this many tokens
 * @param eosMeanTokens mean of the seeded geometric length at which the simulated model emits EOS
 *        ({@code stop}); 0 = never ({@code ignore_eos})
 * @param adapter LoRA adapter name, or {@code null} for the base model
 * @param arrivalNanos {@link System#nanoTime()} when the HTTP request arrived
 * @param kvTransfer its part in a prefill/decode hand-off, {@link KvTransfer#NONE} for a plain request
 */
public record EngineRequest(
        String id,
        int[] promptTokens,
        int maxOutputTokens,
        int eosMeanTokens,
        String adapter,
        long adapterKey,
        long arrivalNanos,
        RequestObserver observer,
        KvTransfer kvTransfer) {

    /** A plain request, without KV transfer. */
    public EngineRequest(String id, int[] promptTokens, int maxOutputTokens, int eosMeanTokens, String adapter,
            long adapterKey, long arrivalNanos, RequestObserver observer) {
        this(id, promptTokens, maxOutputTokens, eosMeanTokens, adapter, adapterKey, arrivalNanos, observer,
                KvTransfer.NONE);
    }
}
