package io.aibrix.gateway.routing.prefix;

import java.time.Duration;

/**
 * Preble's per-request costs in GPU seconds, from a linear model of the engine: prefill time is proportional to the
 * uncached prompt tokens, decode time to the generated tokens. The defaults are calibrated on the step-time model of
 * Llama-3-8B on an A100 ({@code c_pf} ≈ 48 µs per prefill token; one sequence adds ≈ 18 µs + 65 ns per context token
 * to every decode step, ≈ 250 µs at 3k context).
 *
 * @param prefillSecondsPerToken GPU seconds per uncached prompt token
 * @param decodeSecondsPerToken  GPU seconds one sequence costs per generated token
 * @param defaultOutputTokens    generated tokens assumed when the request sets no {@code max_tokens}
 */
record PrebleCostModel(double prefillSecondsPerToken, double decodeSecondsPerToken, int defaultOutputTokens) {

    PrebleCostModel {
        if (!(prefillSecondsPerToken > 0) || !(decodeSecondsPerToken > 0) || defaultOutputTokens < 0) {
            throw new IllegalArgumentException("Preble cost model needs positive per-token times");
        }
    }

    static PrebleCostModel of(Duration prefillPerToken, Duration decodePerToken, int defaultOutputTokens) {
        return new PrebleCostModel(prefillPerToken.toNanos() / 1e9, decodePerToken.toNanos() / 1e9,
                defaultOutputTokens);
    }

    double prefillSeconds(int uncachedTokens) {
        return prefillSecondsPerToken * Math.max(0, uncachedTokens);
    }

    /** @param maxTokens the request's {@code max_tokens}, or -1 when unset */
    double decodeSeconds(int maxTokens) {
        return decodeSecondsPerToken * (maxTokens >= 0 ? maxTokens : defaultOutputTokens);
    }
}
