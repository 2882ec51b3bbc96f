package io.aibrix.simulator.tiers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/** The eviction policies a block cache can use, by name: {@code lru} and {@code s3fifo}. */
public final class EvictionPolicies {

    private static final Map<String, IntFunction<BlockCache>> POLICIES = new LinkedHashMap<>();

    static {
        register("lru", LruBlockCache::new);
        // AIBrix's L1 defaults: small-queue ratio 0.3, promotion threshold 1.
        register("s3fifo", capacity -> new S3FifoBlockCache(capacity, 0.3, 1));
    }

    private EvictionPolicies() {
    }

    private static void register(String name, IntFunction<BlockCache> factory) {
        if (POLICIES.putIfAbsent(name, factory) != null) {
            throw new IllegalStateException("Duplicate eviction policy '" + name + "'");
        }
    }

    public static Set<String> names() {
        return POLICIES.keySet();
    }

    /** A cache of {@code capacity} blocks with the named policy; an unknown name is an IllegalArgumentException. */
    public static BlockCache create(String name, int capacity) {
        IntFunction<BlockCache> factory = POLICIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("Unknown eviction policy '" + name + "'; known: " + names());
        }
        return factory.apply(capacity);
    }
}
