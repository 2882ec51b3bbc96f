package io.aibrix.simulator.engine;

import java.util.function.Consumer;

/**
 * KV tiers below the GPU blocks (engine-model.md; AIBrix's L1 host memory and L2 cache nodes). A prompt block the
 * GPU cache misses may be held by a lower tier; loading it costs a modelled transfer time per block instead of its
 * prefill. Engine-thread methods are marked; the rest may be called from any thread.
 */
public interface KvTiers extends AutoCloseable {

    /** True when a remote tier (L2) is configured, so prompts are looked up there before they queue. */
    boolean hasRemote();

    /**
     * Asks the remote tier which of the first {@code count} block hashes it holds; {@code then} receives one flag per
     * block (all false when a node is down or slow) on some other thread. Called before the request queues.
     */
    void lookupRemote(long[] hashes, int count, Consumer<boolean[]> then);

    /**
     * Engine thread, no side effects: how many consecutive blocks from {@code from} (below {@code limit}) the tiers
     * can provide, L1 first and then the remote blocks found at arrival ({@code remote} may be null).
     */
    TierLoad plan(long[] hashes, int from, int limit, boolean[] remote);

    /**
     * Engine thread: starts loading a planned run (counts the hits, refreshes L1's recency) and returns when it will
     * have arrived ({@link System#nanoTime()}); transfers share one link per tier.
     */
    long load(TierLoad load, long[] hashes, long nowNanos);

    int l1Blocks();

    int l1Capacity();

    /** Blocks written to the remote tier, and failed writes/lookups (a node down is a miss, never an error). */
    long remoteWrites();

    long remoteFailures();

    /** The version of the cache-node ring the remote tier follows; -1 before the first (or without L2). */
    long remoteRingVersion();

    @Override
    void close();

    /**
     * A run of {@code l1Blocks + l2Blocks} consecutive blocks starting at block {@code from}, each from L1 or L2.
     */
    record TierLoad(int from, int l1Blocks, int l2Blocks) {

        public static final TierLoad NONE = new TierLoad(0, 0, 0);

        public int blocks() {
            return l1Blocks + l2Blocks;
        }
    }
}
