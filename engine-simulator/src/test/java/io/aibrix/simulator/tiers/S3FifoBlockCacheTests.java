package io.aibrix.simulator.tiers;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link S3FifoBlockCache}: small-queue filtering, promotion, ghosts and main's second chance. */
class S3FifoBlockCacheTests {

    @Test
    void aScanOfOneTimeBlocksDoesNotFlushBlocksThatWereHit() {
        BlockCache s3fifo = new S3FifoBlockCache(10, 0.3, 1);
        BlockCache lru = EvictionPolicies.create("lru", 10);
        for (BlockCache cache : new BlockCache[] {s3fifo, lru}) {
            LongStream.rangeClosed(1, 3).forEach(cache::put);
            LongStream.rangeClosed(1, 3).forEach(cache::access);
            LongStream.rangeClosed(4, 10).forEach(cache::put);
            LongStream.rangeClosed(100, 199).forEach(cache::put);
        }

        assertThat(LongStream.rangeClosed(1, 3).allMatch(s3fifo::contains)).isTrue();
        assertThat(LongStream.rangeClosed(1, 3).noneMatch(lru::contains)).isTrue();
    }

    @Test
    void promotesHitBlocksAndEvictsTheOldestUnhitOneFromTheSmallQueue() {
        S3FifoBlockCache cache = new S3FifoBlockCache(10, 0.3, 1);
        LongStream.rangeClosed(1, 10).forEach(cache::put);
        cache.access(1);
        cache.access(2);

        assertThat(cache.put(11)).isEqualTo(3);
        assertThat(cache.put(12)).isEqualTo(4);
        assertThat(cache.smallSize()).isEqualTo(8);
        assertThat(cache.size()).isEqualTo(10);
    }

    @Test
    void aBlockEvictedRecentlyComesBackIntoMain() {
        S3FifoBlockCache cache = new S3FifoBlockCache(10, 0.3, 1);
        LongStream.rangeClosed(1, 10).forEach(cache::put);
        assertThat(cache.put(11)).isEqualTo(1);

        assertThat(cache.put(1)).isEqualTo(2);
        LongStream.rangeClosed(100, 199).forEach(cache::put);

        // The ghost hit went to main, which a scan through the small queue never reaches.
        assertThat(cache.contains(1)).isTrue();
        assertThat(cache.contains(11)).isFalse();
    }

    @Test
    void mainGivesAHitBlockASecondChance() {
        S3FifoBlockCache cache = new S3FifoBlockCache(5, 0.3, 1);
        LongStream.rangeClosed(1, 5).forEach(cache::put);
        assertThat(cache.put(6)).isEqualTo(1);
        // Ghosts 1..4 come back one by one, each pushing the next oldest small block out.
        assertThat(cache.put(1)).isEqualTo(2);
        assertThat(cache.put(2)).isEqualTo(3);
        assertThat(cache.put(3)).isEqualTo(4);
        assertThat(cache.put(4)).isEqualTo(5);
        cache.access(1);
        assertThat(cache.put(5)).isEqualTo(6);

        // The small queue is empty: main evicts its oldest block with no hit, sparing block 1 once.
        assertThat(cache.put(7)).isEqualTo(2);
        assertThat(cache.contains(1)).isTrue();
    }
}
