package io.aibrix.gateway.routing.prefix;

/**
 * A prompt cut into full blocks with one chained hash per block: {@code hashes[i]} identifies the whole prefix up to
 * the end of block {@code i}, so holding block {@code i} implies holding every block before it. An incomplete tail
 * block is never hashed (an engine caches full blocks only).
 *
 * @param hashes        chained block hashes, first block first
 * @param unitsPerBlock characters or token IDs per block
 * @param totalUnits    characters or token IDs in the whole prompt, the tail included
 * @param promptTokens  the prompt's length in tokens (exact for token IDs, the parser's estimate for text)
 * @param tokenIds      whether the blocks are the engine's token IDs rather than characters
 */
record PromptBlocks(long[] hashes, int unitsPerBlock, int totalUnits, int promptTokens, boolean tokenIds) {

    int blockCount() {
        return hashes.length;
    }

    /** The share of the prompt (0..1) covered by its first {@code matchedBlocks} blocks. */
    double coveredFraction(int matchedBlocks) {
        return totalUnits == 0 ? 0 : Math.min(1.0, (double) matchedBlocks * unitsPerBlock / totalUnits);
    }

    /** Prompt tokens an engine holding the first {@code matchedBlocks} blocks still has to prefill. */
    int uncachedTokens(int matchedBlocks) {
        if (tokenIds) {
            return totalUnits - matchedBlocks * unitsPerBlock;
        }
        return (int) Math.round(promptTokens * (1 - coveredFraction(matchedBlocks)));
    }
}
