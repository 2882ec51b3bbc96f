package io.aibrix.simulator.tiers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link LruBlockCache}. */
class LruBlockCacheTests {

    private final BlockCache cache = EvictionPolicies.create("lru", 3);

    @Test
    void evictsTheLeastRecentlyUsedBlock() {
        cache.put(1);
        cache.put(2);
        cache.put(3);
        cache.access(1);

        assertThat(cache.put(4)).isEqualTo(2);
        assertThat(cache.contains(1)).isTrue();
        assertThat(cache.contains(2)).isFalse();
    }

    @Test
    void reinsertingAHeldBlockRefreshesItWithoutEvicting() {
        cache.put(1);
        cache.put(2);
        cache.put(3);

        assertThat(cache.put(1)).isZero();
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.put(4)).isEqualTo(2);
    }

    @Test
    void containsDoesNotCountAsAUse() {
        cache.put(1);
        cache.put(2);
        cache.put(3);
        cache.contains(1);

        assertThat(cache.put(4)).isEqualTo(1);
    }

    @Test
    void accessOfAnAbsentBlockIsAMiss() {
        assertThat(cache.access(9)).isFalse();
        assertThat(cache.size()).isZero();
    }

    @Test
    void rejectsAnUnknownPolicyNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> EvictionPolicies.create("arc", 3))
                .withMessageContaining("'arc'").withMessageContaining("lru").withMessageContaining("s3fifo");
    }
}
