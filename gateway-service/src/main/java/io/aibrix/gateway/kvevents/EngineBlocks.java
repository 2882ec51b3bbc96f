package io.aibrix.gateway.kvevents;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.lang.Nullable;

/**
 * One engine's cached blocks as its feed reported them: the engine's hash of each block mapped to the gateway's
 * content key ({@link BlockKeys}), which is what {@code block_removed} and {@code all_blocks_cleared} are undone by,
 * and the engine's bit set in the {@link KvBlockIndex} for every key it holds.
 *
 * <p>Mutations run under this object's monitor (the feed's thread, or discovery dropping the engine); routing only
 * reads the volatile fields, the index's holder sets and the chain of {@linkplain #next next} blocks, never the
 * engine's hashes. A key is held through exactly one engine
 * hash: the engine's chained hashes and the gateway's keys follow the same chain, so they map one to one.
 */
final class EngineBlocks {

    private final KvBlockIndex index;
    private final String address;
    private final int slot;
    private final Map<Long, Long> keys = new HashMap<>();
    /** Key of a held block → key of the block the engine last stored after it; read by routing, lock-free. */
    private final ConcurrentHashMap<Long, Long> next = new ConcurrentHashMap<>();
    private volatile boolean live;
    private volatile int blockSize;
    private volatile String baseModel = "";
    private volatile int size;
    private boolean released;

    EngineBlocks(KvBlockIndex index, String address, int slot) {
        this.index = index;
        this.address = address;
        this.slot = slot;
    }

    String address() {
        return address;
    }

    int slot() {
        return slot;
    }

    /** Whether routing may count this engine's blocks: its feed is connected, caught up and not silent. */
    boolean live() {
        return live;
    }

    void live(boolean value) {
        live = value;
    }

    /** Tokens per block; 0 until the engine said. */
    int blockSize() {
        return blockSize;
    }

    /** Blocks the engine holds. */
    int size() {
        return size;
    }

    /**
     * The key of the block this engine last stored right after the block of {@code key}, or null. It may no longer be
     * held: check the index.
     */
    @Nullable Long next(long key) {
        return next.get(key);
    }

    /** What {@code /server_info} reported: the model base-model blocks ({@code lora_name: null}) are keyed under. */
    synchronized void describe(String model, int tokensPerBlock) {
        baseModel = model;
        if (tokensPerBlock > 0) {
            blockSize = tokensPerBlock;
        }
    }

    /**
     * Blocks became cached: {@code hashes[i]} holds {@code tokenIds[i·blockSize, (i+1)·blockSize)} and continues the
     * block before it, the first one continuing {@code parentHash} (null: the root of the chain).
     */
    synchronized void stored(@Nullable Long parentHash, long[] hashes, int[] tokenIds, int tokensPerBlock,
            @Nullable String lora) {
        if (released) {
            return;
        }
        blockSize = tokensPerBlock;
        long key;
        boolean chained = false;
        if (parentHash == null) {
            key = BlockKeys.root(lora != null ? lora : baseModel);
        }
        else {
            Long parent = keys.get(parentHash);
            chained = parent != null;
            key = chained ? parent : BlockKeys.orphanRoot(parentHash);
        }
        for (int i = 0; i < hashes.length; i++) {
            long previousKey = key;
            key = BlockKeys.next(key, tokenIds, i * tokensPerBlock, tokensPerBlock);
            if (chained || i > 0) {
                next.put(previousKey, key);
            }
            Long previous = keys.put(hashes[i], key);
            if (previous != null && previous != key) {
                index.unhold(previous, slot);
            }
            index.hold(key, slot);
        }
        size = keys.size();
    }

    /** Blocks were evicted; hashes this engine never announced are ignored. */
    synchronized void removed(long[] hashes) {
        for (long hash : hashes) {
            Long key = keys.remove(hash);
            if (key != null) {
                next.remove(key);
                index.unhold(key, slot);
            }
        }
        size = keys.size();
    }

    /** The engine dropped its whole cache, or restarted. */
    synchronized void clear() {
        for (long key : keys.values()) {
            index.unhold(key, slot);
        }
        keys.clear();
        next.clear();
        size = 0;
    }

    /** The engine left discovery: forget everything and ignore whatever its feed still delivers. */
    synchronized void release() {
        live = false;
        clear();
        released = true;
    }
}
