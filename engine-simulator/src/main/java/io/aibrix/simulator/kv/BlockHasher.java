package io.aibrix.simulator.kv;

import io.aibrix.simulator.tokenizer.Hashing;
import io.aibrix.simulator.tokenizer.IntList;

/**
 * vLLM V1's chained block hash: {@code hash_i = H(hash_{i-1} or NONE_HASH, tokens[16i:16i+16], extra_key)}, with
 * the LoRA adapter as the extra key so different adapters never share cache. Only full blocks have a hash. The value
 * 0 is reserved for "no hash".
 */
public final class BlockHasher {

    private final int blockSize;
    private final long noneHash;

    public BlockHasher(int blockSize, long seed) {
        this.blockSize = blockSize;
        this.noneHash = Hashing.mix64(seed ^ 0x5bd1e9955bd1e995L);
    }

    public int blockSize() {
        return blockSize;
    }

    /** The hash of block {@code index} of {@code tokens}, which must be full. */
    public long hashBlock(long parentHash, IntList tokens, int index, long extraKey) {
        long h = Hashing.combine(index == 0 ? noneHash : parentHash, extraKey);
        int start = index * blockSize;
        for (int i = start; i < start + blockSize; i++) {
            h = Hashing.combine(h, tokens.get(i));
        }
        return h == 0 ? 1 : h;
    }
}
