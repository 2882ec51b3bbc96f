package io.aibrix.simulator.tiers;

import java.util.function.Consumer;

import io.aibrix.simulator.engine.KvTiers;
import io.aibrix.simulator.kv.BlockPool;
import io.aibrix.simulator.tokenizer.IntList;

/**
 * An engine's KV tiers: an optional L1 of host memory (a {@link BlockCache} confined to the engine thread) and an
 * optional L2 of cache nodes. Blocks the GPU pool evicts are written to L1 (to L2 without an L1); blocks L1 evicts are
 * written to L2; with write-through every block computed on the GPU is written to L2 as well, so other engines can
 * reuse it at once (AIBrix's ingestion {@code ALL} rather than {@code EVICTED}). Each tier has one transfer link:
 * loads on it queue behind each other, each block taking the tier's time per block.
 */
public final class TieredKvCache implements KvTiers {

    private final BlockCache l1;
    private final CacheNodeClient l2;
    private final long l1NanosPerBlock;
    private final long l2NanosPerBlock;
    private final boolean writeThrough;
    private long l1LinkFreeNanos;
    private long l2LinkFreeNanos;
    private volatile int l1Blocks;

    /**
     * @param l1 host-memory cache, or null for no L1
     * @param l2 cache-node client, or null for no L2
     * @param writeThrough write every computed block to L2, not only L1's evictions
     */
    public TieredKvCache(BlockCache l1, long l1NanosPerBlock, CacheNodeClient l2, long l2NanosPerBlock,
            boolean writeThrough) {
        if (l1 == null && l2 == null) {
            throw new IllegalArgumentException("KV tiers need an L1, an L2 or both");
        }
        this.l1 = l1;
        this.l2 = l2;
        this.l1NanosPerBlock = l1NanosPerBlock;
        this.l2NanosPerBlock = l2NanosPerBlock;
        this.writeThrough = writeThrough;
    }

    /** The block pool listener that writes evicted (and, with write-through, computed) blocks down the tiers. */
    public BlockPool.BlockEventListener alongside(BlockPool.BlockEventListener other) {
        return new BlockPool.BlockEventListener() {
            @Override
            public void stored(long[] hashes, int from, int to, IntList tokens, String adapter) {
                other.stored(hashes, from, to, tokens, adapter);
                if (l2 != null && writeThrough) {
                    for (int i = from; i < to; i++) {
                        l2.write(hashes[i]);
                    }
                }
            }

            @Override
            public void removed(long[] hashes) {
                other.removed(hashes);
                evictedFromGpu(hashes);
            }

            @Override
            public void allCleared() {
                other.allCleared();
            }
        };
    }

    /** Engine thread: GPU evictions go to L1 (or straight to L2 without one); L1's own evictions go to L2. */
    void evictedFromGpu(long[] hashes) {
        for (long hash : hashes) {
            if (l1 != null) {
                long evicted = l1.put(hash);
                if (evicted != 0 && l2 != null) {
                    l2.write(evicted);
                }
            } else if (l2 != null) {
                l2.write(hash);
            }
        }
        if (l1 != null) {
            l1Blocks = l1.size();
        }
    }

    @Override
    public boolean hasRemote() {
        return l2 != null;
    }

    @Override
    public void lookupRemote(long[] hashes, int count, Consumer<boolean[]> then) {
        if (l2 == null || count <= 0) {
            then.accept(null);
            return;
        }
        l2.lookup(hashes, count).thenAccept(then);
    }

    @Override
    public TierLoad plan(long[] hashes, int from, int limit, boolean[] remote) {
        int l1Hits = 0;
        int l2Hits = 0;
        for (int i = from; i < limit; i++) {
            if (l1 != null && l1.contains(hashes[i])) {
                l1Hits++;
            } else if (remote != null && i < remote.length && remote[i]) {
                l2Hits++;
            } else {
                break;
            }
        }
        return l1Hits + l2Hits == 0 ? TierLoad.NONE : new TierLoad(from, l1Hits, l2Hits);
    }

    @Override
    public long load(TierLoad load, long[] hashes, long nowNanos) {
        int l1Loaded = 0;
        for (int i = load.from(); i < load.from() + load.blocks(); i++) {
            if (l1 != null && l1.access(hashes[i])) {
                l1Loaded++;
            }
        }
        long ready = nowNanos;
        if (l1Loaded > 0) {
            l1LinkFreeNanos = Math.max(l1LinkFreeNanos, nowNanos) + l1NanosPerBlock * l1Loaded;
            ready = l1LinkFreeNanos;
        }
        int l2Loaded = load.blocks() - l1Loaded;
        if (l2Loaded > 0) {
            l2LinkFreeNanos = Math.max(l2LinkFreeNanos, nowNanos) + l2NanosPerBlock * l2Loaded;
            ready = Math.max(ready, l2LinkFreeNanos);
        }
        return ready;
    }

    @Override
    public int l1Blocks() {
        return l1Blocks;
    }

    @Override
    public int l1Capacity() {
        return l1 == null ? 0 : l1.capacity();
    }

    @Override
    public long remoteWrites() {
        return l2 == null ? 0 : l2.writes();
    }

    @Override
    public long remoteFailures() {
        return l2 == null ? 0 : l2.failures();
    }

    @Override
    public long remoteRingVersion() {
        return l2 == null ? -1 : l2.ringVersion();
    }

    @Override
    public void close() {
        if (l2 != null) {
            l2.close();
        }
    }
}
