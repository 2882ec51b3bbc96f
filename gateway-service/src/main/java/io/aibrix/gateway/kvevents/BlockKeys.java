package io.aibrix.gateway.kvevents;

/**
 * The gateway's own content keys for KV blocks, chained like the engine's hashes: {@code key = H(parent key, token ids
 * of the block)}, starting from {@link #root} of the model or LoRA adapter name, so adapters and base models never
 * share a key and every engine serving the same model yields the same key for the same prefix. The engines' own
 * hashes are opaque (seeded per engine); these keys are what lets the gateway hash a prompt itself and compare it with
 * every engine.
 *
 * <p>A 64-bit Murmur3-style mix, not cryptographic: a collision costs one mis-scored request.
 */
final class BlockKeys {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final long MODEL_DOMAIN = 0x4b565f4d4f44454cL;
    private static final long ORPHAN_DOMAIN = 0x4b565f4f52504841L;

    private BlockKeys() {
    }

    /** The parent key of a chain's first block for the model or adapter {@code model}. */
    static long root(String model) {
        long h = MODEL_DOMAIN;
        for (int i = 0; i < model.length(); i++) {
            h = step(h, model.charAt(i));
        }
        return fmix(h ^ model.length());
    }

    /**
     * The parent key standing in for a parent block the engine named but the gateway does not know (evicted, or
     * cached before a reset): a chain hanging from it can never be reached by a walk from a {@link #root}, exactly as
     * the engine can never match it.
     */
    static long orphanRoot(long engineParentHash) {
        return fmix(step(ORPHAN_DOMAIN, engineParentHash));
    }

    /** The key of the block holding {@code tokenIds[from, from + length)} after the block keyed {@code parent}. */
    static long next(long parent, int[] tokenIds, int from, int length) {
        long h = parent;
        int i = from;
        int to = from + length;
        for (; i + 2 <= to; i += 2) {
            h = step(h, (tokenIds[i] & 0xffffffffL) | (long) tokenIds[i + 1] << 32);
        }
        if (i < to) {
            h = step(h, tokenIds[i] & 0xffffffffL);
        }
        return fmix(h ^ length);
    }

    private static long step(long h, long value) {
        long k = Long.rotateLeft(value * C1, 31) * C2;
        return Long.rotateLeft(h ^ k, 27) * 5 + 0x52dce729;
    }

    private static long fmix(long value) {
        long k = value;
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
