package io.aibrix.simulator.kvevents;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.aibrix.simulator.tokenizer.IntList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link KvEventJournal}. */
class KvEventJournalTests {

    private static final int BLOCK = 2;

    private final KvEventJournal journal = new KvEventJournal(4, BLOCK,
            Clock.fixed(Instant.ofEpochMilli(42_000), ZoneOffset.UTC));

    @Test
    void numbersEventsFromOneAndReplaysFromAnyRetainedSeq() {
        store(0, 11, 12);
        journal.removed(new long[] {12});
        journal.allCleared();

        List<KvEvent> all = journal.read(1, 10);
        List<KvEvent> fromTwo = journal.read(2, 10);

        assertThat(all).extracting(KvEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(all).extracting(KvEvent::ts).containsOnly(42_000L);
        assertThat(fromTwo).containsExactlyElementsOf(all.subList(1, 3));
        assertThat(journal.read(4, 10)).isEmpty();
    }

    @Test
    void copiesTheStoredBlocksWithTheirParentAndTokens() {
        store(0, 11);
        store(1, 11, 12, 13);

        KvEvent.BlockStored second = (KvEvent.BlockStored) journal.read(2, 1).get(0);

        assertThat(second.hashes()).containsExactly(12, 13);
        assertThat(second.parentHash()).isEqualTo(11);
        assertThat(second.tokenIds()).containsExactly(102, 103, 104, 105);
        assertThat(second.lora()).isEqualTo("lora-a");
    }

    @Test
    void forgetsHistoryOlderThanItsCapacity() {
        for (int i = 0; i < 6; i++) {
            journal.removed(new long[] {i + 1});
        }

        assertThat(journal.oldestRetained()).isEqualTo(3);
        assertThat(journal.read(2, 10)).isNull();
        assertThat(journal.read(3, 10)).extracting(KvEvent::seq).containsExactly(3L, 4L, 5L, 6L);
        assertThat(journal.isRetained(7)).isTrue();
        assertThat(journal.isRetained(8)).isFalse();
        assertThat(journal.isRetained(0)).isFalse();
    }

    @Test
    void snapshotsWhatIsCachedWithTheSeqItReflects() {
        store(0, 11, 12, 13);
        journal.removed(new long[] {13});

        KvEventJournal.Snapshot snapshot = journal.snapshot();

        assertThat(snapshot.seq()).isEqualTo(2);
        assertThat(snapshot.blocks()).extracting(KvEventJournal.CachedBlock::hash).containsExactly(11L, 12L);
        assertThat(snapshot.blocks().get(1).parentHash()).isEqualTo(11);
        assertThat(snapshot.blocks().get(1).tokenIds()).containsExactly(102, 103);
    }

    @Test
    void listsAParentStoredAgainAfterItsChildBeforeThatChild() {
        store(0, 11, 12);
        journal.removed(new long[] {11});
        store(0, 11);

        assertThat(journal.snapshot().blocks()).extracting(KvEventJournal.CachedBlock::hash)
                .containsExactly(11L, 12L);
    }

    @Test
    void forgetsEverythingOnClear() {
        store(0, 11, 12);

        journal.allCleared();

        assertThat(journal.snapshot().blocks()).isEmpty();
        assertThat(journal.snapshot().seq()).isEqualTo(2);
    }

    @Test
    void wakesRegisteredReadersOnEveryAppendAndOnClose() {
        int[] wakeUps = {0};
        Runnable reader = () -> wakeUps[0]++;
        journal.addReader(reader);

        store(0, 11);
        journal.close();
        journal.removeReader(reader);
        journal.allCleared();

        assertThat(wakeUps[0]).isEqualTo(2);
        assertThat(journal.isClosed()).isTrue();
    }

    /** Stores {@code chain[from..]} (block i holds tokens 100+2i, 101+2i) as the pool would. */
    private void store(int from, long... chain) {
        IntList tokens = new IntList(chain.length * BLOCK);
        for (int i = 0; i < chain.length * BLOCK; i++) {
            tokens.add(100 + i);
        }
        journal.stored(chain, from, chain.length, tokens, "lora-a");
    }
}
