package io.aibrix.simulator.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A model on a GPU, as the step-time model sees it (engine-model.md §2.4):
 * {@code step_ms = c0 + c_pf·X + c_dec·Y + c_kv·C + c_attn·P}, where X = uncached prompt tokens in the step,
 * Y = decode sequences, C = Σ context length of the decode sequences, P = Σ over prefill chunks of
 * n·(already computed + n/2). All coefficients are in milliseconds per unit.
 */
public record ModelProfile(
        String name,
        double baseMs,
        double prefillMsPerToken,
        double decodeMsPerSequence,
        double kvReadMsPerContextToken,
        double attentionMsPerPair,
        int numGpuBlocks,
        int maxNumSeqs,
        int maxNumBatchedTokens,
        Duration apiOverhead) {

    /** Llama-3-8B BF16 TP1 on an A100-80GB: BLIS β fit, 2.04 TB/s KV read, 312 TFLOPS attention. */
    public static final ModelProfile LLAMA3_8B_A100 = new ModelProfile("llama3-8b-a100",
            16.4, 0.0478, 0.0182, 65e-6, 3.4e-6, 29_205, 256, 2048, Duration.ofMillis(3));

    /** Llama-3-8B BF16 TP1 on an H100: BLIS β fit, 3.35 TB/s KV read, 989 TFLOPS attention. */
    public static final ModelProfile LLAMA3_8B_H100 = new ModelProfile("llama3-8b-h100",
            5.75, 0.01725, 0.006, 40e-6, 1.05e-6, 29_205, 1024, 8192, Duration.ofMillis(3));

    /** No model delay at all: steps take only the simulator's own CPU time, for overhead benchmarks. */
    public static final ModelProfile ZERO = new ModelProfile("zero",
            0, 0, 0, 0, 0, 29_205, 256, 2048, Duration.ZERO);

    private static final Map<String, ModelProfile> BUILT_IN = List.of(LLAMA3_8B_A100, LLAMA3_8B_H100, ZERO).stream()
            .collect(Collectors.toUnmodifiableMap(ModelProfile::name, Function.identity()));

    /** The built-in profile with this name; an unknown name fails naming the valid ones. */
    public static ModelProfile named(String name) {
        ModelProfile profile = BUILT_IN.get(name);
        if (profile == null) {
            throw new IllegalArgumentException("Unknown engine profile '" + name + "'; known profiles: "
                    + BUILT_IN.keySet().stream().sorted().toList());
        }
        return profile;
    }
}
