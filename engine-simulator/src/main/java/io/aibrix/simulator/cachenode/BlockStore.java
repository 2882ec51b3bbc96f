package io.aibrix.simulator.cachenode;

import java.util.concurrent.atomic.LongAdder;

import io.aibrix.simulator.tiers.BlockCache;

/** A cache node's blocks: a {@link BlockCache} shared by request threads, with counters. */
final class BlockStore {

    private final BlockCache cache;
    private final LongAdder lookups = new LongAdder();
    private final LongAdder hits = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    BlockStore(BlockCache cache) {
        this.cache = cache;
    }

    /** One flag per hash; a held block counts as read (it is about to be fetched). */
    boolean[] lookup(long[] hashes) {
        boolean[] held = new boolean[hashes.length];
        int found = 0;
        synchronized (cache) {
            for (int i = 0; i < hashes.length; i++) {
                held[i] = hashes[i] != 0 && cache.access(hashes[i]);
                if (held[i]) {
                    found++;
                }
            }
        }
        lookups.add(hashes.length);
        hits.add(found);
        return held;
    }

    void put(long[] hashes) {
        int evicted = 0;
        synchronized (cache) {
            for (long hash : hashes) {
                if (hash != 0 && cache.put(hash) != 0) {
                    evicted++;
                }
            }
        }
        puts.add(hashes.length);
        evictions.add(evicted);
    }

    Stats stats() {
        int size;
        synchronized (cache) {
            size = cache.size();
        }
        return new Stats(cache.capacity(), size, lookups.sum(), hits.sum(), puts.sum(), evictions.sum());
    }

    /** Counts since start; {@code lookups} and {@code hits} are in blocks. */
    record Stats(int capacityBlocks, int blocks, long lookups, long hits, long puts, long evictions) {
    }
}
