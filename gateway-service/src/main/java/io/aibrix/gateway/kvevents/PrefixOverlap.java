package io.aibrix.gateway.kvevents;

/**
 * How much of one prompt one engine holds in its prefix cache, as its KV event feed reported it.
 *
 * @param known           whether the engine's feed is live; when false nothing is known about its cache and the
 *                        other values are 0
 * @param blockSize       tokens per KV block of the engine
 * @param cachedBlocks    leading blocks of the prompt the engine holds
 * @param matchableBlocks blocks of the prompt a cache hit can cover at most, {@code floor((n - 1) / blockSize)} for n
 *                        prompt tokens (the engine always recomputes the last prompt token); 0 without token IDs
 * @param replyBlocks     when the engine holds every matchable block, the blocks it holds chained after the last one
 *                        (what it generated after them), up to the number asked for; else 0
 */
public record PrefixOverlap(boolean known, int blockSize, int cachedBlocks, int matchableBlocks, int replyBlocks) {

    /** An engine whose feed is not live. */
    public static final PrefixOverlap UNKNOWN = new PrefixOverlap(false, 0, 0, 0, 0);

    public PrefixOverlap(boolean known, int blockSize, int cachedBlocks, int matchableBlocks) {
        this(known, blockSize, cachedBlocks, matchableBlocks, 0);
    }

    /** Prompt tokens the engine holds. */
    public int cachedTokens() {
        return cachedBlocks * blockSize;
    }

    /** The share of the matchable blocks the engine holds, in [0, 1]; 0 when nothing is matchable. */
    public double ratio() {
        return matchableBlocks == 0 ? 0 : (double) cachedBlocks / matchableBlocks;
    }
}
