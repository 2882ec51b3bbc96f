package io.aibrix.gateway.routing;

import io.aibrix.gateway.enginestats.EngineMetrics;

/**
 * {@code least-kv-cache}: the lowest KV-cache usage, {@code kv_cache_usage_perc + cpu_cache_usage_perc}, where the
 * offloaded (CPU) part counts only when the engine exports it. An engine with unknown GPU KV usage is not scored.
 * Ties go to the first candidate (AIBrix's {@code <=} let the last one win).
 */
final class LeastKvCacheRoutingStrategy extends MetricRoutingStrategy {

    static final String NAME = "least-kv-cache";

    LeastKvCacheRoutingStrategy(FallbackRecorder fallbacks) {
        super(fallbacks);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Used fraction of the KV cache in [0, 2]; lower is better; NaN when the GPU KV usage is unknown. */
    @Override
    public double score(RoutingRequest request, Candidate candidate) {
        EngineMetrics metrics = candidate.metrics();
        double kv = metrics.kvCacheUsage();
        if (!Double.isFinite(kv)) {
            return Double.NaN;
        }
        double cpu = metrics.cpuCacheUsage();
        return Double.isFinite(cpu) ? kv + cpu : kv;
    }
}
