package io.aibrix.simulator.kvevents;

import java.util.Arrays;
import java.util.Objects;

/**
 * One change of an engine's prefix cache, as vLLM's KV events (BlockStored, BlockRemoved, AllBlocksCleared), with
 * its sequence number ({@code seq}, from 1, strictly increasing per engine process) and epoch-millisecond time.
 * Block hashes are the engine's own 64-bit chained hashes, never 0.
 */
public sealed interface KvEvent permits KvEvent.BlockStored, KvEvent.BlockRemoved, KvEvent.AllBlocksCleared {

    long seq();

    long ts();

    /**
     * Full blocks that became cached, in chain order.
     *
     * @param parentHash the hash of the block before the first one, 0 when the chain starts at the root
     * @param tokenIds {@code blockSize} token ids per block, flat
     * @param lora the LoRA adapter the KV belongs to, null for the base model
     */
    record BlockStored(long seq, long ts, long[] hashes, long parentHash, int[] tokenIds, int blockSize,
            String lora) implements KvEvent {

        @Override
        public boolean equals(Object other) {
            return other instanceof BlockStored o && seq == o.seq && ts == o.ts && parentHash == o.parentHash
                    && blockSize == o.blockSize && Arrays.equals(hashes, o.hashes)
                    && Arrays.equals(tokenIds, o.tokenIds) && Objects.equals(lora, o.lora);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(seq);
        }

        @Override
        public String toString() {
            return "BlockStored[seq=" + seq + ", hashes=" + Arrays.toString(hashes) + ", parent=" + parentHash
                    + ", lora=" + lora + "]";
        }
    }

    /** Blocks evicted from the cache, in eviction order. */
    record BlockRemoved(long seq, long ts, long[] hashes) implements KvEvent {

        @Override
        public boolean equals(Object other) {
            return other instanceof BlockRemoved o && seq == o.seq && ts == o.ts && Arrays.equals(hashes, o.hashes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(seq);
        }

        @Override
        public String toString() {
            return "BlockRemoved[seq=" + seq + ", hashes=" + Arrays.toString(hashes) + "]";
        }
    }

    /** Every cached block was dropped (prefix-cache reset). */
    record AllBlocksCleared(long seq, long ts) implements KvEvent {
    }
}
