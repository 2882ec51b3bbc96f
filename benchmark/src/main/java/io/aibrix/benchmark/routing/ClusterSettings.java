package io.aibrix.benchmark.routing;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulated serving cluster of every run: {@code engines} engines with the given step-time {@code profile} and
 * {@code numGpuBlocks} KV blocks each, behind one or more gateways. {@code engineProperties} and
 * {@code gatewayProperties} are extra Spring properties (e.g. a prefix-cache tokenizer mode); they win over the
 * harness's own settings. With {@code replicaRedis}, a run with several gateways also gets a fresh, empty Redis
 * server, given to the gateways as {@code gateway.replicas.redis-url} so the replicas share routing state.
 */
record ClusterSettings(int engines, String profile, int numGpuBlocks, Map<String, String> engineProperties,
        Map<String, String> gatewayProperties, boolean replicaRedis, Duration startupTimeout) {

    static final int DEFAULT_ENGINES = 4;
    static final String DEFAULT_PROFILE = "llama3-8b-a100";
    static final int DEFAULT_NUM_GPU_BLOCKS = 4000;

    ClusterSettings {
        if (engines < 1) {
            throw new IllegalArgumentException("engines must be >= 1 but was " + engines);
        }
        if (numGpuBlocks < 1) {
            throw new IllegalArgumentException("numGpuBlocks must be >= 1 but was " + numGpuBlocks);
        }
        engineProperties = Collections.unmodifiableMap(new LinkedHashMap<>(engineProperties));
        gatewayProperties = Collections.unmodifiableMap(new LinkedHashMap<>(gatewayProperties));
    }

    /** The set-up: 4 engines, {@code llama3-8b-a100}, 4,000 blocks each; replicas share through Redis. */
    static ClusterSettings defaults() {
        return new ClusterSettings(DEFAULT_ENGINES, DEFAULT_PROFILE, DEFAULT_NUM_GPU_BLOCKS, Map.of(), Map.of(),
                true, Duration.ofSeconds(60));
    }
}
