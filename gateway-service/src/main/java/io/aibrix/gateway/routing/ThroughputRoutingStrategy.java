package io.aibrix.gateway.routing;

import io.aibrix.gateway.enginestats.EngineMetrics;

/**
 * {@code throughput}: the engine with the lowest current token load, {@code 2 × prompt tokens/s + generation
 * tokens/s} over the scrape window. Prompt tokens weigh double as in AIBrix, which reads per-request averages from a
 * Prometheus server instead; we use the engines' own counters so no Prometheus server is needed. An engine missing
 * either rate is not scored. Ties go to the first candidate.
 */
final class ThroughputRoutingStrategy extends MetricRoutingStrategy {

    static final String NAME = "throughput";

    ThroughputRoutingStrategy(FallbackRecorder fallbacks) {
        super(fallbacks);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Weighted tokens per second; lower is better; NaN when a rate is unknown. */
    @Override
    public double score(RoutingRequest request, Candidate candidate) {
        EngineMetrics metrics = candidate.metrics();
        double prompt = metrics.promptTokensPerSecond();
        double generation = metrics.generationTokensPerSecond();
        if (!Double.isFinite(prompt) || !Double.isFinite(generation)) {
            return Double.NaN;
        }
        return 2 * prompt + generation;
    }
}
