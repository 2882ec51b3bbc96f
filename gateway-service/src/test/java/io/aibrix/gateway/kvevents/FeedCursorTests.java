package io.aibrix.gateway.kvevents;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.kvevents.KvIndexFixture.MODEL;
import static io.aibrix.gateway.kvevents.KvIndexFixture.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Tests for {@link FeedCursor}. */
class FeedCursorTests {

    private final KvBlockIndex index = new KvBlockIndex();
    private final EngineBlocks blocks = index.register("a:8000");
    private final FeedCursor cursor = new FeedCursor(blocks);
    private final int[] prompt = tokens(1, 40);

    @Test
    void asksForASnapshotUntilItHasOne() {
        cursor.serverInfo(info("id"));

        assertThat(cursor.resumeFrom()).isZero();
        assertThat(cursor.resumeEngineId()).isNull();
        assertThat(cursor.synced()).isFalse();
    }

    @Test
    void resumesAfterTheLastAppliedEventOfTheSameEngine() {
        cursor.serverInfo(info("id"));
        cursor.apply(new FeedLine.Snapshot(41, "id", 16, List.of(), true));
        cursor.apply(stored(42));

        assertThat(cursor.synced()).isTrue();
        assertThat(cursor.resumeFrom()).isEqualTo(43);
        assertThat(cursor.resumeEngineId()).isEqualTo("id");
    }

    @Test
    void isNotSyncedWhileASnapshotIsArriving() {
        cursor.serverInfo(info("id"));
        cursor.apply(new FeedLine.Snapshot(5, "id", 16, List.of(), false));

        assertThat(cursor.synced()).isFalse();
        cursor.apply(new FeedLine.Snapshot(5, "id", 16, List.of(), true));
        assertThat(cursor.synced()).isTrue();
    }

    @Test
    void skipsEventsItAlreadyApplied() {
        synced(10);
        assertThat(cursor.apply(stored(11))).isTrue();

        assertThat(cursor.apply(stored(11))).isFalse();
        assertThat(cursor.apply(new FeedLine.Heartbeat(11, "id"))).isFalse();
        assertThat(cursor.resumeFrom()).isEqualTo(12);
    }

    @Test
    void resyncsOnAGapInTheEvents() {
        synced(10);

        assertThatExceptionOfType(ResyncException.class).isThrownBy(() -> cursor.apply(stored(12)))
                .satisfies(ex -> assertThat(ex.reason()).isEqualTo(ResyncException.Reason.GAP));
        assertThat(cursor.resumeEngineId()).as("the next connection asks for a snapshot").isNull();
    }

    @Test
    void resyncsWhenAHeartbeatRevealsMissedEvents() {
        synced(10);

        assertThatExceptionOfType(ResyncException.class)
                .isThrownBy(() -> cursor.apply(new FeedLine.Heartbeat(12, "id")))
                .satisfies(ex -> assertThat(ex.reason()).isEqualTo(ResyncException.Reason.GAP));
    }

    @Test
    void resyncsOnAnEventBeforeAnySnapshot() {
        cursor.serverInfo(info("id"));

        assertThatExceptionOfType(ResyncException.class).isThrownBy(() -> cursor.apply(stored(1)))
                .satisfies(ex -> assertThat(ex.reason()).isEqualTo(ResyncException.Reason.PROTOCOL));
    }

    @Test
    void dropsTheOldEnginesBlocksWhenANewEngineIdStartsWithASnapshot() {
        synced(10);
        cursor.apply(stored(11));
        assertThat(blocks.size()).isEqualTo(2);

        cursor.apply(new FeedLine.Snapshot(0, "restarted", 16, List.of(), true));

        assertThat(blocks.size()).isZero();
        assertThat(cursor.resumeEngineId()).isEqualTo("restarted");
        assertThat(cursor.resumeFrom()).isEqualTo(1);
    }

    @Test
    void resyncsWhenANewEngineIdSendsAnEventFirst() {
        synced(10);
        cursor.apply(stored(11));

        assertThatExceptionOfType(ResyncException.class)
                .isThrownBy(() -> cursor.apply(new FeedLine.AllBlocksCleared(1, "restarted")))
                .satisfies(ex -> assertThat(ex.reason()).isEqualTo(ResyncException.Reason.RESTART));
        assertThat(blocks.size()).isZero();
    }

    private void synced(long seq) {
        cursor.serverInfo(info("id"));
        cursor.apply(new FeedLine.Snapshot(seq, "id", 16, List.of(), true));
    }

    private FeedLine.BlockStored stored(long seq) {
        return new FeedLine.BlockStored(seq, "id", new long[] {seq * 10, seq * 10 + 1}, null,
                Arrays.copyOf(prompt, 32), 16, null);
    }

    private static ServerInfo info(String engineId) {
        return new ServerInfo(engineId, MODEL, 16, true, "/v1/kv-events");
    }
}
