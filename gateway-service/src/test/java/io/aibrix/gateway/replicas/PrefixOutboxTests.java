package io.aibrix.gateway.replicas;

import java.time.Duration;
import java.util.List;

import io.aibrix.gateway.replicas.ReplicaCodec.Group;
import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/** Tests for {@link PrefixOutbox}. */
class PrefixOutboxTests {

    private final MutableClock clock = new MutableClock();

    private final PrefixOutbox outbox = new PrefixOutbox(clock, Duration.ofSeconds(10), 1000);

    @Test
    void groupsDecisionsByStrategyAndEngineWithEachBlockOnce() {
        outbox.offer("prefix-cache", "a:8000", new long[] {1, 2, 3}, 0);
        outbox.offer("prefix-cache", "b:8000", new long[] {1, 2}, 0);
        outbox.offer("prefix-cache", "a:8000", new long[] {1, 2, 4}, 0);
        outbox.offer("prefix-cache-preble", "a:8000", new long[] {1}, 0.5);
        outbox.offer("prefix-cache-preble", "a:8000", new long[] {1}, 0.25);

        List<Group> groups = outbox.drain().groups();

        assertThat(groups).extracting(Group::strategy, Group::address, Group::workSeconds).containsExactly(
                tuple("prefix-cache", "a:8000", 0.0),
                tuple("prefix-cache", "b:8000", 0.0),
                tuple("prefix-cache-preble", "a:8000", 0.75));
        assertThat(groups.get(0).hashes()).containsExactly(1, 2, 3, 4);
        assertThat(groups.get(1).hashes()).containsExactly(1, 2);
        assertThat(groups.get(2).hashes()).containsExactly(1);
        assertThat(outbox.isEmpty()).isTrue();
    }

    @Test
    void countsDrainedDecisionsAsPendingUntilReleased() {
        outbox.offer("prefix-cache", "a:8000", new long[] {1, 2, 3}, 0);
        outbox.offer("prefix-cache", "a:8000", new long[] {1, 2}, 0);

        PrefixOutbox.Drained drained = outbox.drain();

        assertThat(drained.blocks()).isEqualTo(5);
        assertThat(outbox.pendingBlocks()).isEqualTo(5);

        outbox.release(drained.blocks());

        assertThat(outbox.pendingBlocks()).isZero();
    }

    @Test
    void leavesOutBlocksPublishedForTheSameEngineWithinTheRefreshInterval() {
        outbox.offer("prefix-cache", "a:8000", new long[] {1, 2, 3}, 0);
        outbox.drain();
        clock.advance(Duration.ofSeconds(9));

        outbox.offer("prefix-cache", "a:8000", new long[] {1, 2, 3, 4}, 0);
        outbox.offer("prefix-cache", "b:8000", new long[] {1, 2}, 0);
        outbox.offer("prefix-cache-preble", "a:8000", new long[] {1}, 0);
        List<Group> groups = outbox.drain().groups();

        assertThat(groups).hasSize(3);
        assertThat(groups.get(0).hashes()).as("only the new block").containsExactly(4);
        assertThat(groups.get(1).hashes()).as("another engine").containsExactly(1, 2);
        assertThat(groups.get(2).hashes()).as("another strategy").containsExactly(1);
    }

    @Test
    void publishesABlockAgainOnceTheRefreshIntervalPassed() {
        outbox.offer("prefix-cache", "a:8000", new long[] {1, 2}, 0);
        outbox.drain();
        clock.advance(Duration.ofSeconds(10));

        outbox.offer("prefix-cache", "a:8000", new long[] {1, 2}, 0);

        assertThat(outbox.drain().groups()).singleElement()
                .satisfies(group -> assertThat(group.hashes()).containsExactly(1, 2));
    }

    @Test
    void keepsAGroupWithoutNewBlocksOnlyForItsWork() {
        outbox.offer("prefix-cache", "a:8000", new long[] {1}, 0);
        outbox.offer("prefix-cache-preble", "a:8000", new long[] {1}, 0);
        outbox.drain();

        outbox.offer("prefix-cache", "a:8000", new long[] {1}, 0);
        outbox.offer("prefix-cache-preble", "a:8000", new long[] {1}, 0.1);

        assertThat(outbox.drain().groups()).singleElement().satisfies(group -> {
            assertThat(group.strategy()).isEqualTo("prefix-cache-preble");
            assertThat(group.hashes()).isEmpty();
            assertThat(group.workSeconds()).isEqualTo(0.1);
        });
    }

    @Test
    void publishesEveryDecisionWholeWithoutARefreshInterval() {
        PrefixOutbox everything = new PrefixOutbox(clock, Duration.ZERO, 1000);
        everything.offer("prefix-cache", "a:8000", new long[] {1, 2}, 0);
        everything.drain();

        everything.offer("prefix-cache", "a:8000", new long[] {1, 2}, 0);

        assertThat(everything.drain().groups()).singleElement()
                .satisfies(group -> assertThat(group.hashes()).containsExactly(1, 2));
    }

    @Test
    void refusesDecisionsBeyondThePendingBound() {
        PrefixOutbox small = new PrefixOutbox(clock, Duration.ofSeconds(10), 5);

        assertThat(small.offer("prefix-cache", "a:8000", new long[] {1, 2, 3}, 0)).isTrue();
        assertThat(small.offer("prefix-cache", "a:8000", new long[] {4, 5, 6}, 0)).isFalse();
        assertThat(small.offer("prefix-cache", "a:8000", new long[] {4, 5}, 0)).isTrue();
        assertThat(small.pendingBlocks()).isEqualTo(5);

        small.release(small.drain().blocks());

        assertThat(small.offer("prefix-cache", "a:8000", new long[] {7, 8, 9, 10, 11}, 0)).isTrue();
    }

    @Test
    void rejectsANegativeRefreshIntervalOrNoRoom() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PrefixOutbox(clock, Duration.ofSeconds(-1), 10));
        assertThatIllegalArgumentException().isThrownBy(() -> new PrefixOutbox(clock, Duration.ZERO, 0));
    }
}
