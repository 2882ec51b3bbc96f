package io.aibrix.gateway.kvevents;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.lang.Nullable;

/**
 * Which engine actually caches which prompt blocks, built only from the engines' KV block events: a map from the
 * gateway's content key of a block ({@link BlockKeys}) to the set of engines holding it, each engine being one bit
 * (its slot) of an immutable {@code long[]} that is replaced on every change.
 *
 * <p>Reads are lock-free (one {@link ConcurrentHashMap#get} per prompt block and plain bit tests), so routing walks a
 * prompt on the event loop without contending with the feeds; writes come from the feeds, one engine at a time under
 * that engine's monitor. An engine whose feed is not live counts as unknown: its blocks are kept (so a resumed stream
 * can replay onto them) but never matched.
 */
public final class KvBlockIndex {

    private final ConcurrentHashMap<Long, long[]> holders = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, EngineBlocks> engines = new ConcurrentHashMap<>();
    private final BitSet slots = new BitSet();

    /**
     * Per address (aligned with {@code addresses}), the leading blocks of the prompt that engine holds. The prompt is
     * cut with each engine's own block size; the walk stops for an engine at its first missing block.
     *
     * @param model          the requested model or LoRA adapter name
     * @param promptTokenIds the prompt as the engine tokenizes it; null when unknown (known engines then match 0)
     * @param addresses      engines by {@code host:port}
     */
    public PrefixOverlap[] overlaps(String model, @Nullable int[] promptTokenIds, List<String> addresses) {
        return overlaps(model, promptTokenIds, addresses, 0);
    }

    /**
     * {@link #overlaps(String, int[], List)}, also following, on each engine holding every matchable block, the
     * blocks it stored after the last one ({@link PrefixOverlap#replyBlocks()}), as many as {@code maxReplyTokens}
     * fill and one more (the first also holds the IDs' partial last block): when the IDs are an earlier turn's
     * prompt, those are the reply that engine generated, which the prompt goes on with.
     */
    public PrefixOverlap[] overlaps(String model, @Nullable int[] promptTokenIds, List<String> addresses,
            int maxReplyTokens) {
        int n = addresses.size();
        PrefixOverlap[] result = new PrefixOverlap[n];
        EngineBlocks[] known = new EngineBlocks[n];
        int[] blockSizes = new int[n];
        for (int i = 0; i < n; i++) {
            EngineBlocks engine = engines.get(addresses.get(i));
            int blockSize = engine == null ? 0 : engine.blockSize();
            if (engine == null || !engine.live() || blockSize < 1) {
                result[i] = PrefixOverlap.UNKNOWN;
                continue;
            }
            known[i] = engine;
            blockSizes[i] = blockSize;
        }
        for (int i = 0; i < n; i++) {
            if (result[i] == null) {
                walk(model, promptTokenIds, blockSizes[i], known, blockSizes, result,
                        maxReplyTokens == 0 ? 0 : (maxReplyTokens + blockSizes[i] - 1) / blockSizes[i] + 1);
            }
        }
        return result;
    }

    /** {@link #overlaps} of one engine. */
    public PrefixOverlap overlap(String model, @Nullable int[] promptTokenIds, String address) {
        return overlaps(model, promptTokenIds, List.of(address))[0];
    }

    /**
     * The gateway's keys of the prompt's matchable blocks (the ones {@link #overlaps} walks) for engines of
     * {@code blockSize}, so a caller can remember blocks it expects an engine to cache; empty without token IDs.
     */
    public long[] promptKeys(String model, @Nullable int[] promptTokenIds, int blockSize) {
        if (promptTokenIds == null || blockSize < 1) {
            return new long[0];
        }
        long[] keys = new long[Math.max(0, (promptTokenIds.length - 1) / blockSize)];
        long key = BlockKeys.root(model);
        for (int b = 0; b < keys.length; b++) {
            key = BlockKeys.next(key, promptTokenIds, b * blockSize, blockSize);
            keys[b] = key;
        }
        return keys;
    }

    /** Whether the engine's feed is live, so its blocks count. */
    public boolean isLive(String address) {
        EngineBlocks engine = engines.get(address);
        return engine != null && engine.live();
    }

    /** Blocks the engine caches according to its feed (kept while the feed is down); 0 for an unknown engine. */
    public int cachedBlocks(String address) {
        EngineBlocks engine = engines.get(address);
        return engine == null ? 0 : engine.size();
    }

    /** Distinct blocks cached anywhere. */
    public long size() {
        return holders.mappingCount();
    }

    /**
     * Walks the prompt for every engine with {@code blockSize} that has no result yet, filling their results. Engines
     * drop out of the walk at their first miss; the walk ends when none is left.
     */
    private void walk(String model, @Nullable int[] tokenIds, int blockSize, EngineBlocks[] known, int[] blockSizes,
            PrefixOverlap[] result, int maxReplyBlocks) {
        int n = known.length;
        int matchable = tokenIds == null ? 0 : Math.max(0, (tokenIds.length - 1) / blockSize);
        boolean[] walking = new boolean[n];
        int[] matched = new int[n];
        int alive = 0;
        for (int i = 0; i < n; i++) {
            if (result[i] == null && blockSizes[i] == blockSize) {
                walking[i] = true;
                alive++;
            }
        }
        long key = BlockKeys.root(model);
        for (int b = 0; b < matchable && alive > 0; b++) {
            key = BlockKeys.next(key, tokenIds, b * blockSize, blockSize);
            long[] bits = holders.get(key);
            for (int i = 0; i < n; i++) {
                if (!walking[i]) {
                    continue;
                }
                if (holds(bits, known[i].slot())) {
                    matched[i] = b + 1;
                }
                else {
                    walking[i] = false;
                    alive--;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (result[i] == null && blockSizes[i] == blockSize) {
                int reply = walking[i] && matchable > 0 ? chained(known[i], key, maxReplyBlocks) : 0;
                result[i] = new PrefixOverlap(true, blockSize, matched[i], matchable, reply);
            }
        }
    }

    /** How many blocks the engine holds chained after the block of {@code key}, at most {@code max}. */
    private int chained(EngineBlocks engine, long key, int max) {
        int count = 0;
        long at = key;
        while (count < max) {
            Long next = engine.next(at);
            if (next == null || !holds(holders.get(next), engine.slot())) {
                break;
            }
            count++;
            at = next;
        }
        return count;
    }

    /** Starts tracking the engine at {@code address}, replacing (and forgetting) any previous registration. */
    EngineBlocks register(String address) {
        int slot;
        synchronized (slots) {
            slot = slots.nextClearBit(0);
            slots.set(slot);
        }
        EngineBlocks engine = new EngineBlocks(this, address, slot);
        EngineBlocks previous = engines.put(address, engine);
        if (previous != null) {
            release(previous);
        }
        return engine;
    }

    /** Forgets the engine at {@code address}: its blocks no longer match and its slot is free again. */
    void unregister(String address) {
        EngineBlocks engine = engines.remove(address);
        if (engine != null) {
            release(engine);
        }
    }

    private void release(EngineBlocks engine) {
        engine.release();
        synchronized (slots) {
            slots.clear(engine.slot());
        }
    }

    void hold(long key, int slot) {
        holders.compute(key, (k, bits) -> with(bits, slot));
    }

    void unhold(long key, int slot) {
        holders.computeIfPresent(key, (k, bits) -> without(bits, slot));
    }

    private static boolean holds(@Nullable long[] bits, int slot) {
        int word = slot >>> 6;
        return bits != null && word < bits.length && (bits[word] & 1L << slot) != 0;
    }

    private static long[] with(@Nullable long[] bits, int slot) {
        if (holds(bits, slot)) {
            return bits;
        }
        int word = slot >>> 6;
        long[] copy = bits == null ? new long[word + 1]
                : Arrays.copyOf(bits, Math.max(bits.length, word + 1));
        copy[word] |= 1L << slot;
        return copy;
    }

    /** The set without {@code slot}; null (the key is removed) when it becomes empty. */
    private static @Nullable long[] without(long[] bits, int slot) {
        if (!holds(bits, slot)) {
            return bits;
        }
        long[] copy = bits.clone();
        copy[slot >>> 6] &= ~(1L << slot);
        for (long word : copy) {
            if (word != 0) {
                return copy;
            }
        }
        return null;
    }
}
