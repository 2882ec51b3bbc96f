package io.aibrix.gateway.routing.prefix;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.aibrix.gateway.routing.Candidate;
import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.prefix.PrefixFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link PrefixIndex}. */
class PrefixIndexTests {

    private static final Candidate A = pod("10.0.0.1", 0);

    private static final Candidate B = pod("10.0.0.2", 0);

    private static final Candidate C = pod("10.0.0.3", 0);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));

    private final PrefixIndex index = new PrefixIndex(clock, Duration.ofMinutes(10), 100_000);

    @Test
    void matchesTheLongestRunOfLeadingBlocksPerPod() {
        index.record(new long[] {1, 2, 3, 4}, address(A));
        index.record(new long[] {1, 2, 9}, address(B));

        assertThat(index.match(new long[] {1, 2, 3, 5}, List.of(A, B, C))).containsExactly(3, 2, 0);
        assertThat(index.match(new long[] {1, 2, 3, 4}, address(A))).isEqualTo(4);
        assertThat(index.match(new long[] {7, 2, 3}, List.of(A, B))).containsExactly(0, 0);
    }

    @Test
    void stopsAPodsWalkAtItsFirstMissingBlock() {
        index.record(new long[] {1, 2}, address(A));
        index.record(new long[] {4}, address(A));

        assertThat(index.match(new long[] {1, 2, 3, 4}, List.of(A))).containsExactly(2);
    }

    @Test
    void forgetsClaimsIdleLongerThanTheTtl() {
        index.record(new long[] {1, 2}, address(A));
        clock.advance(Duration.ofMinutes(6));
        index.record(new long[] {1, 2}, address(B));
        clock.advance(Duration.ofMinutes(5));

        assertThat(index.match(new long[] {1, 2}, List.of(A, B))).containsExactly(0, 2);
    }

    @Test
    void refreshesAClaimWhenRoutedAgain() {
        index.record(new long[] {1, 2}, address(A));
        clock.advance(Duration.ofMinutes(9));
        index.record(new long[] {1, 2}, address(A));
        clock.advance(Duration.ofMinutes(9));

        assertThat(index.match(new long[] {1, 2}, List.of(A))).containsExactly(2);
    }

    @Test
    void dropsExpiredBlocksWhenLaterWritesReachThem() {
        index.record(new long[] {1, 2, 3}, address(A));
        clock.advance(Duration.ofMinutes(11));
        for (long hash = 100; hash < 100 + PrefixIndex.SEGMENTS * 4; hash++) {
            index.record(new long[] {hash * 0x9E3779B97F4A7C15L}, address(B));
        }

        assertThat(index.size()).isEqualTo(PrefixIndex.SEGMENTS * 4);
        assertThat(index.blocksHeld(address(A))).isZero();
    }

    @Test
    void staysWithinCapacityByEvictingLeastRecentlyUsedBlocks() {
        PrefixIndex small = new PrefixIndex(clock, Duration.ofMinutes(10), PrefixIndex.SEGMENTS);
        long hot = 0x10L << 58;
        long cold = 0x10L << 58 | 1;
        small.record(new long[] {cold}, address(A));
        small.record(new long[] {hot}, address(A));
        small.match(new long[] {cold}, List.of(A)); // a lookup counts as a use
        small.record(new long[] {0x10L << 58 | 2}, address(A));

        assertThat(small.size()).isEqualTo(1);
        assertThat(small.match(new long[] {0x10L << 58 | 2}, address(A))).isEqualTo(1);
        assertThat(small.blocksHeld(address(A))).isEqualTo(1);

        for (long i = 0; i < 10_000; i++) {
            small.record(new long[] {i * 0x9E3779B97F4A7C15L}, address(B));
        }
        assertThat(small.size()).isLessThanOrEqualTo(PrefixIndex.SEGMENTS);
        assertThat(small.blocksHeld(address(A)) + small.blocksHeld(address(B))).isEqualTo(small.size());
    }

    @Test
    void countsBlocksHeldPerPod() {
        index.record(new long[] {1, 2, 3}, address(A));
        index.record(new long[] {1, 2}, address(B));
        index.record(new long[] {1, 2, 3}, address(A));

        assertThat(index.blocksHeld(address(A))).isEqualTo(3);
        assertThat(index.blocksHeld(address(B))).isEqualTo(2);
        assertThat(index.blocksHeld(address(C))).isZero();
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void forgetsPodsThatLeftDiscoveryAndStartsThemColdWhenTheyReturn() {
        index.record(new long[] {1, 2}, address(A));
        index.record(new long[] {1, 2}, address(B));

        index.retainPods(Set.of(address(B)));

        assertThat(index.match(new long[] {1, 2}, List.of(A, B))).containsExactly(0, 2);
        index.record(new long[] {1}, address(A));
        assertThat(index.match(new long[] {1, 2}, List.of(A, B))).containsExactly(1, 2);
    }

    private static String address(Candidate candidate) {
        return candidate.endpoint().address();
    }
}
