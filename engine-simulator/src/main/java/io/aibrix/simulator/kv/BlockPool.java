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
    private long[] pendingRemovals = new long[16];
    private int pendingRemovalCount;
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

    /**
     * Registers the full blocks {@code from..to-1} of one sequence, whose KV is now computed: block {@code i} sits in
     * {@code blocks[i]} and has the chained hash {@code hashes[i]}. A hash that is already cached (an identical block
     * computed concurrently) stays mapped to its first block; the others are announced as stored, one event per
     * unbroken run, after any pending removals.
     *
     * @param tokens the sequence's tokens; block {@code i} holds {@code tokens[i*blockSize, (i+1)*blockSize)}
     * @param adapter the LoRA adapter the KV belongs to, or null for the base model
     */
    public void cacheBlocks(IntList blocks, long[] hashes, int from, int to, IntList tokens, String adapter) {
        if (!prefixCaching) {
            return;
        }
        flushEvents();
        int runStart = -1;
        for (int i = from; i < to; i++) {
            boolean fresh = cache(blocks.get(i), hashes[i]);
            if (fresh && runStart < 0) {
                runStart = i;
            } else if (!fresh && runStart >= 0) {
                listener.stored(hashes, runStart, i, tokens, adapter);
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            listener.stored(hashes, runStart, to, tokens, adapter);
        }
    }

    /** Maps {@code hash} to {@code block}; false for a duplicate of a cached hash, which stays unmapped. */
    private boolean cache(int block, long hash) {
        if (hashes[block] != 0) {
            return false;
        }
        hashes[block] = hash;
        return blockByHash.putIfAbsent(hash, block) == null;
    }

    /** Announces the hashes evicted since the last flush as one removal, in eviction order. */
    public void flushEvents() {
        if (pendingRemovalCount > 0) {
            listener.removed(Arrays.copyOf(pendingRemovals, pendingRemovalCount));
            pendingRemovalCount = 0;
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
        flushEvents();
        blockByHash.clear();
        Arrays.fill(hashes, 0);
        listener.allCleared();
    }

    public int cachedBlocks() {
        return blockByHash.size();
    }

    /** The hashes currently cached, in no particular order. */
    public long[] cachedHashes() {
        return blockByHash.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    private void evict(int block) {
        long hash = hashes[block];
        if (hash != 0) {
            hashes[block] = 0;
            if (blockByHash.remove(hash, block)) {
                if (pendingRemovalCount == pendingRemovals.length) {
                    pendingRemovals = Arrays.copyOf(pendingRemovals, pendingRemovalCount * 2);
                }
                pendingRemovals[pendingRemovalCount++] = hash;
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

    /**
     * Observes cache content changes, as vLLM's KV events do; called on the engine thread. Every mapped hash is
     * announced stored once and then removed (or cleared) at most once before it can be stored again; duplicates of a
     * cached block are never announced.
     */
    public interface BlockEventListener {

        BlockEventListener NONE = new BlockEventListener() {
        };

        /**
         * Blocks {@code from..to-1} of a sequence became cached, in chain order; block {@code from}'s parent is
         * {@code hashes[from - 1]} (none when {@code from} is 0). Arguments are the engine's live buffers: copy, do
         * not keep.
         */
        default void stored(long[] hashes, int from, int to, IntList tokens, String adapter) {
        }

        /** These hashes were evicted from the cache, in eviction order. */
        default void removed(long[] hashes) {
        }

        default void allCleared() {
        }
    }
}
