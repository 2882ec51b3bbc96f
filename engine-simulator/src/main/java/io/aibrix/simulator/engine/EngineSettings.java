package io.aibrix.simulator.engine;

/**
 * Everything the engine core needs, resolved from configuration and profile.
 *
 * @param seed seeds block hashing ({@code PYTHONHASHSEED}-like) and generated text
 * @param transferNanosPerBlock modelled time to receive one KV block from a remote prefill engine (already scaled)
 */
public record EngineSettings(SchedulerLimits limits, int numGpuBlocks, int blockSize, boolean prefixCaching,
        int maxLoras, long seed, long transferNanosPerBlock) {
}
