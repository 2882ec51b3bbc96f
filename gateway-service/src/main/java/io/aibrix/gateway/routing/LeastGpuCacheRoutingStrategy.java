package io.aibrix.gateway.routing;

import io.aibrix.gateway.enginestats.EngineMetrics;

/**
 * {@code least-gpu-cache}: the lowest {@code vllm:gpu_cache_usage_perc}. vLLM renamed that gauge to
 * {@code vllm:kv_cache_usage_perc} (0.9) and later hid the old name, so an engine that does not export the legacy
 * gauge is scored by the new one instead: both measure the same GPU KV-block usage, and without the fallback this
 * strategy would silently degrade to least-request on current engines. Ties go to the first candidate.
 */
final class LeastGpuCacheRoutingStrategy extends MetricRoutingStrategy {

    static final String NAME = "least-gpu-cache";

    LeastGpuCacheRoutingStrategy(FallbackRecorder fallbacks) {
        super(fallbacks);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Used fraction of the GPU KV cache in [0, 1]; lower is better; NaN when neither gauge is known. */
    @Override
    public double score(RoutingRequest request, Candidate candidate) {
        EngineMetrics metrics = candidate.metrics();
        double gpu = metrics.gpuCacheUsage();
        if (Double.isFinite(gpu)) {
            return gpu;
        }
        double kv = metrics.kvCacheUsage();
        return Double.isFinite(kv) ? kv : Double.NaN;
    }
}
