package io.aibrix.simulator.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.aibrix.simulator.tokenizer.IntList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link BlockPool}. */
class BlockPoolTests {

    private final List<String> events = new ArrayList<>();
    private final BlockPool pool = new BlockPool(5, true, new BlockPool.BlockEventListener() {
        @Override
        public void stored(long[] hashes, int from, int to, IntList tokens, String adapter) {
            events.add("stored " + Arrays.toString(Arrays.copyOfRange(hashes, from, to))
                    + (from == 0 ? " root" : " after " + hashes[from - 1])
                    + " tokens " + tokens.get(from * BLOCK) + ".." + tokens.get(to * BLOCK - 1));
        }

        @Override
        public void removed(long[] hashes) {
            events.add("removed " + Arrays.toString(hashes));
        }

        @Override
        public void allCleared() {
            events.add("cleared");
        }
    });

    private static final int BLOCK = 2;

    @Test
    void reservesTheNullBlock() {
        assertThat(pool.freeBlocks()).isEqualTo(4);
        assertThat(pool.usage()).isZero();
    }

    @Test
    void countsIdleCachedBlocksAsFreeInUsage() {
        IntList blocks = allocate(2);
        cache(blocks, 0, 11);
        cache(blocks, 1, 12);
        assertThat(pool.usage()).isEqualTo(0.5);

        pool.release(blocks);

        assertThat(pool.usage()).isZero();
        assertThat(pool.cachedBlocks()).isEqualTo(2);
    }

    @Test
    void findsTheLongestCachedPrefixAndStopsAtTheFirstMiss() {
        IntList blocks = allocate(3);
        cache(blocks, 0, 11);
        cache(blocks, 2, 13);

        assertThat(pool.longestCachedPrefix(new long[] {11, 12, 13}, 3, 3)).isEqualTo(1);
        assertThat(pool.longestCachedPrefix(new long[] {11, 12, 13}, 3, 0)).isZero();
    }

    @Test
    void touchingAnIdleCachedBlockPinsItAgain() {
        IntList blocks = allocate(1);
        cache(blocks, 0, 11);
        pool.release(blocks);
        assertThat(pool.idleAmong(new long[] {11}, 1)).isEqualTo(1);

        IntList touched = new IntList(1);
        pool.touch(new long[] {11}, 1, touched);

        assertThat(touched.get(0)).isEqualTo(blocks.get(0));
        assertThat(pool.freeBlocks()).isEqualTo(3);
        assertThat(pool.idleAmong(new long[] {11}, 1)).isZero();
    }

    @Test
    void evictsThePromptTailFirstBecauseBlocksAreFreedInReverseOrder() {
        IntList prompt = allocate(4);
        for (int i = 0; i < 4; i++) {
            cache(prompt, i, 100 + i);
        }
        pool.release(prompt);

        pool.allocate();

        long[] chain = {100, 101, 102, 103};
        assertThat(pool.longestCachedPrefix(chain, 4, 4)).isEqualTo(3);
        pool.flushEvents();
        assertThat(events).endsWith("removed [103]");
    }

    @Test
    void reusesTheLeastRecentlyFreedBlockFirst() {
        IntList first = allocate(2);
        IntList second = allocate(2);
        pool.release(first);
        pool.release(second);

        int reused = pool.allocate();

        assertThat(reused).isEqualTo(first.get(1));
    }

    @Test
    void returnsMinusOneWhenEveryBlockIsPinned() {
        allocate(4);

        assertThat(pool.allocate()).isEqualTo(-1);
        assertThat(pool.usage()).isEqualTo(1.0);
    }

    @Test
    void keepsTheFirstBlockForADuplicateHash() {
        IntList blocks = allocate(2);
        cache(blocks, 0, 7);
        cache(blocks, 1, 7);

        assertThat(pool.cachedBlocks()).isEqualTo(1);
        assertThat(events).containsExactly("stored [7] root tokens 0..1");
    }

    @Test
    void clearingTheCacheForgetsEveryHash() {
        IntList blocks = allocate(2);
        cache(blocks, 0, 1);
        pool.release(blocks);

        pool.clearCache();

        assertThat(pool.longestCachedPrefix(new long[] {1}, 1, 1)).isZero();
    }

    @Test
    void announcesEachUnbrokenRunOfNewlyCachedBlocksWithItsParent() {
        IntList other = allocate(1);
        cache(other, 0, 12);
        IntList chain = allocate(3);
        long[] hashes = {11, 12, 13};

        pool.cacheBlocks(chain, hashes, 0, 3, tokens(6), null);

        // 12 is already cached on another block, so it splits the chain into two stored runs.
        assertThat(events).containsExactly("stored [12] root tokens 0..1", "stored [11] root tokens 0..1",
                "stored [13] after 12 tokens 4..5");
        assertThat(pool.cachedBlocks()).isEqualTo(3);
    }

    @Test
    void announcesTheEvictionsOfASchedulingPassTogetherBeforeAnythingElse() {
        IntList first = allocate(4);
        for (int i = 0; i < 4; i++) {
            cache(first, i, 100 + i);
        }
        pool.release(first);
        events.clear();

        IntList reused = new IntList(2);
        reused.add(pool.allocate());
        reused.add(pool.allocate());
        assertThat(events).isEmpty();
        pool.cacheBlocks(reused, new long[] {200, 201}, 0, 2, tokens(4), null);

        assertThat(events).containsExactly("removed [103, 102]", "stored [200, 201] root tokens 0..3");
    }

    @Test
    void announcesAClearAfterPendingEvictions() {
        IntList blocks = allocate(4);
        cache(blocks, 0, 1);
        pool.release(blocks);
        pool.allocate();
        pool.allocate();
        pool.allocate();
        pool.allocate();
        events.clear();

        pool.clearCache();

        assertThat(events).containsExactly("removed [1]", "cleared");
    }

    @Test
    void listsTheCachedHashes() {
        IntList blocks = allocate(2);
        cache(blocks, 0, 5);
        cache(blocks, 1, 6);

        assertThat(pool.cachedHashes()).containsExactlyInAnyOrder(5, 6);
    }

    @Test
    void disabledPrefixCachingNeverHits() {
        List<String> none = new ArrayList<>();
        BlockPool noCache = new BlockPool(3, false, new BlockPool.BlockEventListener() {
            @Override
            public void stored(long[] hashes, int from, int to, IntList tokens, String adapter) {
                none.add("stored");
            }
        });
        IntList block = new IntList(1);
        block.add(noCache.allocate());
        noCache.cacheBlocks(block, new long[] {5}, 0, 1, tokens(BLOCK), null);

        assertThat(noCache.longestCachedPrefix(new long[] {5}, 1, 1)).isZero();
        assertThat(none).isEmpty();
    }

    @Test
    void rejectsAPoolWithoutUsableBlocks() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BlockPool(1, true, BlockPool.BlockEventListener.NONE))
                .withMessageContaining("1");
    }

    /** Caches block {@code index} of {@code blocks} alone under {@code hash}. */
    private void cache(IntList blocks, int index, long hash) {
        long[] hashes = new long[blocks.size()];
        hashes[index] = hash;
        pool.cacheBlocks(blocks, hashes, index, index + 1, tokens(blocks.size() * BLOCK), null);
    }

    private static IntList tokens(int count) {
        IntList tokens = new IntList(count);
        for (int i = 0; i < count; i++) {
            tokens.add(i);
        }
        return tokens;
    }

    private IntList allocate(int n) {
        IntList blocks = new IntList(n);
        for (int i = 0; i < n; i++) {
            blocks.add(pool.allocate());
        }
        return blocks;
    }
}
