package io.aibrix.gateway.enginestats;

import java.time.Instant;

import org.springframework.lang.Nullable;

/**
 * What one engine last reported on its Prometheus {@code /metrics}, summed over the models it serves. Every value is
 * {@link Double#NaN} when unknown (never scraped, stale, or not exported by this engine): unknown is not zero.
 *
 * <p>Rates and means cover the scraper's trailing window ({@code gateway.engine-stats.window}); a mean falls back to
 * the engine's lifetime mean when nothing was observed in the window, and is NaN only if the engine never observed one.
 *
 * @param runningRequests           {@code vllm:num_requests_running}
 * @param waitingRequests           {@code vllm:num_requests_waiting}
 * @param kvCacheUsage              {@code vllm:kv_cache_usage_perc}, a fraction in [0, 1]
 * @param gpuCacheUsage             {@code vllm:gpu_cache_usage_perc} (legacy name), a fraction in [0, 1]
 * @param cpuCacheUsage             {@code vllm:cpu_cache_usage_perc} (offloaded KV), a fraction in [0, 1]
 * @param promptTokensPerSecond     rate of {@code vllm:prompt_tokens_total} over the window
 * @param generationTokensPerSecond rate of {@code vllm:generation_tokens_total} over the window
 * @param meanQueueSeconds          mean of {@code vllm:request_queue_time_seconds}
 * @param meanPrefillSeconds        mean of {@code vllm:request_prefill_time_seconds}
 * @param meanDecodeSeconds         mean of {@code vllm:request_decode_time_seconds}
 * @param meanTimeToFirstTokenSeconds mean of {@code vllm:time_to_first_token_seconds}
 * @param meanTimePerOutputTokenSeconds mean of {@code vllm:time_per_output_token_seconds}
 * @param meanPromptTokens          mean of {@code vllm:request_prompt_tokens}
 * @param meanGenerationTokens      mean of {@code vllm:request_generation_tokens}
 * @param scrapedAt                 when the page these values come from was read; null when unknown
 */
public record EngineMetrics(
        double runningRequests,
        double waitingRequests,
        double kvCacheUsage,
        double gpuCacheUsage,
        double cpuCacheUsage,
        double promptTokensPerSecond,
        double generationTokensPerSecond,
        double meanQueueSeconds,
        double meanPrefillSeconds,
        double meanDecodeSeconds,
        double meanTimeToFirstTokenSeconds,
        double meanTimePerOutputTokenSeconds,
        double meanPromptTokens,
        double meanGenerationTokens,
        @Nullable Instant scrapedAt) {

    private static final double U = Double.NaN;

    private static final EngineMetrics UNKNOWN = new EngineMetrics(U, U, U, U, U, U, U, U, U, U, U, U, U, U, null);

    /** Nothing known about the engine. */
    public static EngineMetrics unknown() {
        return UNKNOWN;
    }

    public boolean isKnown() {
        return scrapedAt != null;
    }
}
