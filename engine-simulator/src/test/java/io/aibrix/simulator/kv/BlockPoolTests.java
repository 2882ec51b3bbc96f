package io.aibrix.simulator.kv;

import java.util.ArrayList;
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
        public void stored(long hash) {
            events.add("stored " + hash);
        }

        @Override
        public void removed(long hash) {
            events.add("removed " + hash);
        }
    });

    @Test
    void reservesTheNullBlock() {
        assertThat(pool.freeBlocks()).isEqualTo(4);
        assertThat(pool.usage()).isZero();
    }

    @Test
    void countsIdleCachedBlocksAsFreeInUsage() {
        IntList blocks = allocate(2);
        pool.cache(blocks.get(0), 11);
        pool.cache(blocks.get(1), 12);
        assertThat(pool.usage()).isEqualTo(0.5);

        pool.release(blocks);

        assertThat(pool.usage()).isZero();
        assertThat(pool.cachedBlocks()).isEqualTo(2);
    }

    @Test
    void findsTheLongestCachedPrefixAndStopsAtTheFirstMiss() {
        IntList blocks = allocate(3);
        pool.cache(blocks.get(0), 11);
        pool.cache(blocks.get(2), 13);

        assertThat(pool.longestCachedPrefix(new long[] {11, 12, 13}, 3, 3)).isEqualTo(1);
        assertThat(pool.longestCachedPrefix(new long[] {11, 12, 13}, 3, 0)).isZero();
    }

    @Test
    void touchingAnIdleCachedBlockPinsItAgain() {
        IntList blocks = allocate(1);
        pool.cache(blocks.get(0), 11);
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
            pool.cache(prompt.get(i), 100 + i);
        }
        pool.release(prompt);

        pool.allocate();

        long[] chain = {100, 101, 102, 103};
        assertThat(pool.longestCachedPrefix(chain, 4, 4)).isEqualTo(3);
        assertThat(events).endsWith("removed 103");
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
        pool.cache(blocks.get(0), 7);
        pool.cache(blocks.get(1), 7);

        assertThat(pool.cachedBlocks()).isEqualTo(1);
        assertThat(events).containsExactly("stored 7");
    }

    @Test
    void clearingTheCacheForgetsEveryHash() {
        IntList blocks = allocate(2);
        pool.cache(blocks.get(0), 1);
        pool.release(blocks);

        pool.clearCache();

        assertThat(pool.longestCachedPrefix(new long[] {1}, 1, 1)).isZero();
    }

    @Test
    void disabledPrefixCachingNeverHits() {
        BlockPool noCache = new BlockPool(3, false, BlockPool.BlockEventListener.NONE);
        int block = noCache.allocate();
        noCache.cache(block, 5);

        assertThat(noCache.longestCachedPrefix(new long[] {5}, 1, 1)).isZero();
    }

    @Test
    void rejectsAPoolWithoutUsableBlocks() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BlockPool(1, true, BlockPool.BlockEventListener.NONE))
                .withMessageContaining("1");
    }

    private IntList allocate(int n) {
        IntList blocks = new IntList(n);
        for (int i = 0; i < n; i++) {
            blocks.add(pool.allocate());
        }
        return blocks;
    }
}
