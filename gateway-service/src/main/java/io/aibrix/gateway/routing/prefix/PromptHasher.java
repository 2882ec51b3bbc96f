package io.aibrix.gateway.routing.prefix;

import io.aibrix.gateway.routing.RoutingRequest;

/**
 * Cuts a prompt into fixed-size blocks and hashes them in a chain: {@code h[i] = H(h[i-1], block i)} with
 * {@code h[-1]} = a seed derived from the configured seed, the request's model name (a LoRA adapter is its own model,
 * so adapters and base models never share entries) and the unit kind (characters and token IDs never collide).
 *
 * <p>The 64-bit hash is a Murmur3-style mix over units packed into longs (four UTF-16 characters or two token IDs)
 * with Murmur3's finaliser per block. It is not cryptographic; a collision only costs one mis-routed request.
 * Thread-safe and allocation-light: one {@code long[]} per prompt.
 */
final class PromptHasher {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final long CHARACTER_DOMAIN = 0x43484152L;
    private static final long TOKEN_DOMAIN = 0x544f4b4eL;

    private final PrefixTokenizer tokenizer;
    private final int characterBlockSize;
    private final int tokenBlockSize;
    private final long seed;

    PromptHasher(PrefixTokenizer tokenizer, int characterBlockSize, int tokenBlockSize, long seed) {
        if (characterBlockSize < 1 || tokenBlockSize < 1) {
            throw new IllegalArgumentException("Block sizes must be positive");
        }
        this.tokenizer = tokenizer;
        this.characterBlockSize = characterBlockSize;
        this.tokenBlockSize = tokenBlockSize;
        this.seed = seed;
    }

    /** Whether this hasher wants the engine's token IDs. */
    boolean usesTokenIds() {
        return tokenizer == PrefixTokenizer.ENGINE;
    }

    /** The request's blocks: its token IDs in {@code engine} mode when present, else its text's characters. */
    PromptBlocks blocks(RoutingRequest request) {
        int[] ids = request.promptTokenIds();
        if (tokenizer == PrefixTokenizer.ENGINE && ids != null && ids.length > 0) {
            return tokens(request.model(), ids);
        }
        return characters(request.model(), request.promptText(), request.promptTokens());
    }

    PromptBlocks characters(String model, String text, int promptTokens) {
        int blocks = text.length() / characterBlockSize;
        long[] hashes = new long[blocks];
        long parent = modelSeed(model, CHARACTER_DOMAIN);
        for (int b = 0; b < blocks; b++) {
            int from = b * characterBlockSize;
            parent = hashCharacters(parent, text, from, from + characterBlockSize);
            hashes[b] = parent;
        }
        return new PromptBlocks(hashes, characterBlockSize, text.length(), promptTokens, false);
    }

    PromptBlocks tokens(String model, int[] ids) {
        int blocks = ids.length / tokenBlockSize;
        long[] hashes = new long[blocks];
        long parent = modelSeed(model, TOKEN_DOMAIN);
        for (int b = 0; b < blocks; b++) {
            int from = b * tokenBlockSize;
            parent = hashTokens(parent, ids, from, from + tokenBlockSize);
            hashes[b] = parent;
        }
        return new PromptBlocks(hashes, tokenBlockSize, ids.length, ids.length, true);
    }

    private long modelSeed(String model, long domain) {
        long h = fmix(seed ^ domain);
        h = hashCharacters(h, model, 0, model.length());
        return fmix(h ^ model.length());
    }

    private static long hashCharacters(long parent, String text, int from, int to) {
        long h = parent;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            long packed = text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32
                    | (long) text.charAt(i + 3) << 48;
            h = step(h, packed);
        }
        for (; i < to; i++) {
            h = step(h, text.charAt(i));
        }
        return fmix(h ^ (to - from));
    }

    private static long hashTokens(long parent, int[] ids, int from, int to) {
        long h = parent;
        int i = from;
        for (; i + 2 <= to; i += 2) {
            h = step(h, (ids[i] & 0xffffffffL) | (long) ids[i + 1] << 32);
        }
        if (i < to) {
            h = step(h, ids[i] & 0xffffffffL);
        }
        return fmix(h ^ (to - from));
    }

    private static long step(long h, long value) {
        long k = Long.rotateLeft(value * C1, 31) * C2;
        return Long.rotateLeft(h ^ k, 27) * 5 + 0x52dce729;
    }

    /** Murmur3's 64-bit finaliser: every input bit affects every output bit. */
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
