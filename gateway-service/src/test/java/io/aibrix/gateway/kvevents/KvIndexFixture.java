package io.aibrix.gateway.kvevents;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A {@link KvBlockIndex} fed through the real feed path ({@link FeedCursor} and {@link EngineBlocks}) with the lines
 * an engine would send, for tests here and in other packages (the strategy's).
 */
public final class KvIndexFixture {

    public static final String MODEL = "llama3-8b";

    private final KvBlockIndex index = new KvBlockIndex();

    public KvBlockIndex index() {
        return index;
    }

    /** A live engine at {@code address} serving {@link #MODEL} with 16-token blocks and an empty cache. */
    public Engine engine(String address) {
        return engine(address, 16);
    }

    public Engine engine(String address, int blockSize) {
        return new Engine(index.register(address), blockSize);
    }

    /** {@code count} seeded token ids. */
    public static int[] tokens(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = 1000 + random.nextInt(100_000);
        }
        return ids;
    }

    /** {@code a} followed by {@code b}. */
    public static int[] concat(int[] a, int[] b) {
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** One engine, driven as its feed would drive it; engine hashes are assigned in storage order. */
    public static final class Engine {

        private final FeedCursor cursor;
        private final int blockSize;
        private final String engineId;
        private long seq;
        private long nextHash = 1;

        Engine(EngineBlocks blocks, int blockSize) {
            this.cursor = new FeedCursor(blocks);
            this.blockSize = blockSize;
            this.engineId = "engine-" + blocks.address();
            cursor.serverInfo(new ServerInfo(engineId, MODEL, blockSize, true, ServerInfo.DEFAULT_EVENTS_PATH));
            cursor.apply(new FeedLine.Snapshot(0, engineId, blockSize, List.of(), true));
            blocks.live(true);
        }

        /** Caches every full block of {@code tokenIds} for the base model; returns their engine hashes. */
        public long[] caches(int[] tokenIds) {
            return caches(tokenIds, null);
        }

        /** Caches every full block of {@code tokenIds} for {@code lora} (null: the base model). */
        public long[] caches(int[] tokenIds, String lora) {
            int blocks = tokenIds.length / blockSize;
            long[] hashes = new long[blocks];
            for (int i = 0; i < blocks; i++) {
                hashes[i] = nextHash++;
            }
            cursor.apply(new FeedLine.BlockStored(++seq, engineId, hashes, null,
                    Arrays.copyOf(tokenIds, blocks * blockSize), blockSize, lora));
            return hashes;
        }

        /** Evicts the blocks with these engine hashes. */
        public Engine evicts(long... hashes) {
            cursor.apply(new FeedLine.BlockRemoved(++seq, engineId, hashes));
            return this;
        }

        /** Drops the whole cache, as {@code POST /reset_prefix_cache} does. */
        public Engine resets() {
            cursor.apply(new FeedLine.AllBlocksCleared(++seq, engineId));
            return this;
        }

        /** The feed went down: the engine's blocks stop counting. */
        public Engine down() {
            cursor.blocks().live(false);
            return this;
        }
    }
}
