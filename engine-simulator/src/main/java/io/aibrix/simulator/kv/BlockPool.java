package io.aibrix.simulator.kv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.aibrix.simulator.tokenizer.IntList;

/**
 * A fixed pool of KV blocks with vLLM V1 prefix caching (block_pool.py): reference counts, a free queue in LRU order
 * (an intrusive doubly-linked list), and a hash-to-block map. A cache hit "touches" a block (ref++ and out of the free
 * queue); allocation pops the queue head and evicts the hash it still carries; a finished request's blocks go back to
 * the tail in reverse order, so a prompt's tail is evicted before its head. Block 0 is vLLM's reserved null block.
 * Confined to the engine thread.
 */
public final class BlockPool {

    private static final int NONE = -1;

    private final int numBlocks;
    private final boolean prefixCaching;
    private final int[] refCount;
    private final long[] hashes;
    private final int[] prev;
    private final int[] next;
    private final Map<Long, Integer> blockByHash = new HashMap<>();
    private final BlockEventListener listener;
    private int head = NONE;
    private int tail = NONE;
    private int freeCount;

    public BlockPool(int numBlocks, boolean prefixCaching, BlockEventListener listener) {
        if (numBlocks < 2) {
            throw new IllegalArgumentException("numBlocks must be at least 2 but was " + numBlocks);
        }
        this.numBlocks = numBlocks;
        this.prefixCaching = prefixCaching;
        this.listener = listener;
        refCount = new int[numBlocks];
        hashes = new long[numBlocks];
        prev = new int[numBlocks];
        next = new int[numBlocks];
        for (int block = 1; block < numBlocks; block++) {
            append(block);
        }
        refCount[0] = 1;
    }

    public int numBlocks() {
        return numBlocks;
    }

    /** Free blocks, including idle blocks that still hold cached content. */
    public int freeBlocks() {
        return freeCount;
    }

    /** vLLM's usage: pinned blocks over usable blocks; idle cached blocks count as free. */
    public double usage() {
        return 1.0 - (double) freeCount / (numBlocks - 1);
    }

    /** Number of leading block hashes present in the cache (at most {@code maxBlocks}). */
    public int longestCachedPrefix(long[] blockHashes, int count, int maxBlocks) {
        if (!prefixCaching) {
            return 0;
        }
        int limit = Math.min(count, maxBlocks);
        int hits = 0;
        while (hits < limit && blockByHash.containsKey(blockHashes[hits])) {
            hits++;
        }
        return hits;
    }

    /** Blocks that touching these cached hashes would take out of the free queue. */
    public int idleAmong(long[] blockHashes, int count) {
        int idle = 0;
        for (int i = 0; i < count; i++) {
            if (refCount[blockByHash.get(blockHashes[i])] == 0) {
                idle++;
            }
        }
        return idle;
    }

    /** Pins the cached blocks for these hashes and appends their ids to {@code out}. */
    public void touch(long[] blockHashes, int count, IntList out) {
        for (int i = 0; i < count; i++) {
            int block = blockByHash.get(blockHashes[i]);
            if (refCount[block] == 0) {
                unlink(block);
            }
            refCount[block]++;
            out.add(block);
        }
    }

    /** Pops the least recently freed block, evicting its cached content; returns -1 when none is free. */
    public int allocate() {
        int block = head;
        if (block == NONE) {
            return -1;
        }
        unlink(block);
        evict(block);
        refCount[block] = 1;
        return block;
    }

    /** Records that {@code block} now holds the full block {@code hash}; a duplicate of a cached hash stays unmapped. */
    public void cache(int block, long hash) {
        if (!prefixCaching || hashes[block] != 0) {
            return;
        }
        hashes[block] = hash;
        if (blockByHash.putIfAbsent(hash, block) == null) {
            listener.stored(hash);
        }
    }

    /** Unpins a request's blocks, returning them to the free queue tail in reverse order. */
    public void release(IntList blocks) {
        for (int i = blocks.size() - 1; i >= 0; i--) {
            int block = blocks.get(i);
            if (--refCount[block] == 0) {
                append(block);
            }
        }
    }

    /** Drops every cached hash (vLLM's reset_prefix_cache); pinned blocks keep their content but lose their hash. */
    public void clearCache() {
        blockByHash.clear();
        Arrays.fill(hashes, 0);
        listener.allCleared();
    }

    public int cachedBlocks() {
        return blockByHash.size();
    }

    private void evict(int block) {
        long hash = hashes[block];
        if (hash != 0) {
            hashes[block] = 0;
            if (blockByHash.remove(hash, block)) {
                listener.removed(hash);
            }
        }
    }

    private void append(int block) {
        prev[block] = tail;
        next[block] = NONE;
        if (tail != NONE) {
            next[tail] = block;
        } else {
            head = block;
        }
        tail = block;
        freeCount++;
    }

    private void unlink(int block) {
        int p = prev[block];
        int n = next[block];
        if (p != NONE) {
            next[p] = n;
        } else {
            head = n;
        }
        if (n != NONE) {
            prev[n] = p;
        } else {
            tail = p;
        }
        freeCount--;
    }

    /** Observes cache content changes, as vLLM's KV events do. */
    public interface BlockEventListener {

        BlockEventListener NONE = new BlockEventListener() {
        };

        default void stored(long hash) {
        }

        default void removed(long hash) {
        }

        default void allCleared() {
        }
    }
}
