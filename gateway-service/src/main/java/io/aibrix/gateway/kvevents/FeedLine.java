package io.aibrix.gateway.kvevents;

import java.util.List;

import org.springframework.lang.Nullable;

/**
 * One NDJSON line of an engine's KV event feed. Event lines ({@link BlockStored}, {@link BlockRemoved},
 * {@link AllBlocksCleared}) carry their own sequence number; {@link Snapshot} and {@link Heartbeat} lines carry the
 * number of the last event they reflect.
 */
sealed interface FeedLine {

    long seq();

    String engineId();

    /** Full blocks became cached: one request's chain, {@code tokenIds} holding {@code blockSize} ids per hash. */
    record BlockStored(long seq, String engineId, long[] blockHashes, @Nullable Long parentBlockHash, int[] tokenIds,
            int blockSize, @Nullable String loraName) implements FeedLine {
    }

    /** Blocks were evicted, named by the engine's hashes. */
    record BlockRemoved(long seq, String engineId, long[] blockHashes) implements FeedLine {
    }

    /** The whole prefix cache was dropped ({@code POST /reset_prefix_cache}). */
    record AllBlocksCleared(long seq, String engineId) implements FeedLine {
    }

    /** One line of a snapshot of everything cached as of event {@code seq}; parents come before their children. */
    record Snapshot(long seq, String engineId, int blockSize, List<SnapshotBlock> blocks, boolean last)
            implements FeedLine {

        public Snapshot {
            blocks = List.copyOf(blocks);
        }
    }

    /** One cached block of a snapshot; {@code tokenIds} holds exactly one block's ids. */
    record SnapshotBlock(long blockHash, @Nullable Long parentBlockHash, int[] tokenIds, @Nullable String loraName) {
    }

    /** The stream is idle; nothing happened after event {@code seq}. */
    record Heartbeat(long seq, String engineId) implements FeedLine {
    }
}
