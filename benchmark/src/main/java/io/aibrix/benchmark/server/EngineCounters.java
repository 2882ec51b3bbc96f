package io.aibrix.benchmark.server;

import java.util.List;
import java.util.Map;

/**
 * The vLLM counters the benchmark compares before and after a run. Sums are seconds, prefix-cache queries and hits
 * are tokens. Current names are preferred; the pre-V1 {@code gpu_prefix_cache_*} names are the fallback.
 */
public record EngineCounters(double ttftSumSeconds, double ttftCount, double e2eSumSeconds, double e2eCount,
        double prefixQueries, double prefixHits, double preemptions) {

    static EngineCounters from(Map<String, Double> sums) {
        return new EngineCounters(
                value(sums, "vllm:time_to_first_token_seconds_sum"),
                value(sums, "vllm:time_to_first_token_seconds_count"),
                value(sums, "vllm:e2e_request_latency_seconds_sum"),
                value(sums, "vllm:e2e_request_latency_seconds_count"),
                value(sums, "vllm:prefix_cache_queries_total", "vllm:gpu_prefix_cache_queries_total"),
                value(sums, "vllm:prefix_cache_hits_total", "vllm:gpu_prefix_cache_hits_total"),
                value(sums, "vllm:num_preemptions_total"));
    }

    EngineCounters minus(EngineCounters before) {
        return new EngineCounters(ttftSumSeconds - before.ttftSumSeconds, ttftCount - before.ttftCount,
                e2eSumSeconds - before.e2eSumSeconds, e2eCount - before.e2eCount,
                prefixQueries - before.prefixQueries, prefixHits - before.prefixHits,
                preemptions - before.preemptions);
    }

    EngineCounters plus(EngineCounters other) {
        return new EngineCounters(ttftSumSeconds + other.ttftSumSeconds, ttftCount + other.ttftCount,
                e2eSumSeconds + other.e2eSumSeconds, e2eCount + other.e2eCount,
                prefixQueries + other.prefixQueries, prefixHits + other.prefixHits,
                preemptions + other.preemptions);
    }

    static EngineCounters zero() {
        return new EngineCounters(0, 0, 0, 0, 0, 0, 0);
    }

    private static double value(Map<String, Double> sums, String... names) {
        for (String name : List.of(names)) {
            Double value = sums.get(name);
            if (value != null) {
                return value;
            }
        }
        return 0;
    }
}
