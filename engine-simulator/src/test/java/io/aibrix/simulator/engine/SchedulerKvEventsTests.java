package io.aibrix.simulator.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.aibrix.simulator.kv.BlockHasher;
import io.aibrix.simulator.kv.BlockPool;
import io.aibrix.simulator.kvevents.KvEvent;
import io.aibrix.simulator.kvevents.KvEventJournal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for the KV events a {@link Scheduler}'s block pool reports: exactly what the pool caches and evicts. */
class SchedulerKvEventsTests {

    private static final long SEED = 7;
    private static final int BLOCK = 16;

    private final KvEventJournal journal = new KvEventJournal(10_000, BLOCK,
            Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC));

    private Scheduler scheduler(BlockPool pool) {
        return new Scheduler(new SchedulerLimits(8, 2048, 4096), pool, new BlockHasher(BLOCK, SEED),
                new LoraSlots(1), EngineObserver.NONE, 0);
    }

    private static Sequence sequence(String id, int[] prompt, int maxOutput) {
        return new Sequence(new EngineRequest(id, prompt, maxOutput, 0, null, 0, 0, null), SEED);
    }

    private static int[] tokens(int from, int count) {
        return IntStream.range(from, from + count).map(i -> 1000 + i).toArray();
    }

    @Test
    void storesAPromptsFullBlocksOnceInChainOrderAndNothingForARepeat() {
        BlockPool pool = new BlockPool(64, true, journal);
        Scheduler scheduler = scheduler(pool);
        int[] prompt = tokens(0, 70);

        run(scheduler, sequence("a", prompt, 1));
        List<KvEvent> first = journal.read(1, 100);
        run(scheduler, sequence("b", prompt, 1));

        assertThat(first).hasSize(1);
        KvEvent.BlockStored stored = (KvEvent.BlockStored) first.get(0);
        assertThat(stored.seq()).isEqualTo(1);
        assertThat(stored.parentHash()).isZero();
        assertThat(stored.hashes()).hasSize(4);
        assertThat(stored.tokenIds()).containsExactly(Arrays.copyOf(prompt, 64));
        assertThat(stored.blockSize()).isEqualTo(BLOCK);
        assertThat(stored.lora()).isNull();
        assertThat(pool.cachedHashes()).containsExactlyInAnyOrder(stored.hashes());
        assertThat(journal.lastSeq()).isEqualTo(1);
    }

    @Test
    void storesGeneratedTokensOnceTheirBlockFillsChainedToThePrompt() {
        BlockPool pool = new BlockPool(64, true, journal);
        Scheduler scheduler = scheduler(pool);

        run(scheduler, sequence("a", tokens(0, 30), 20));

        List<KvEvent> events = journal.read(1, 100);
        // 30 prompt tokens: one full block at prefill; the 49 computed tokens fill two more while decoding.
        assertThat(events).hasSize(3).allMatch(KvEvent.BlockStored.class::isInstance);
        KvEvent.BlockStored prefill = (KvEvent.BlockStored) events.get(0);
        KvEvent.BlockStored second = (KvEvent.BlockStored) events.get(1);
        KvEvent.BlockStored third = (KvEvent.BlockStored) events.get(2);
        assertThat(second.parentHash()).isEqualTo(prefill.hashes()[0]);
        assertThat(third.parentHash()).isEqualTo(second.hashes()[0]);
    }

    @Test
    void removesExactlyTheEvictedHashesUnderPressure() {
        BlockPool pool = new BlockPool(12, true, journal);
        Scheduler scheduler = scheduler(pool);
        run(scheduler, sequence("a", tokens(0, 96), 1));
        Set<Long> before = hashes(pool.cachedHashes());
        long seqBefore = journal.lastSeq();

        run(scheduler, sequence("b", tokens(500, 96), 1));

        Set<Long> evicted = new HashSet<>(before);
        evicted.removeAll(hashes(pool.cachedHashes()));
        List<KvEvent> events = journal.read(seqBefore + 1, 100);
        assertThat(evicted).isNotEmpty();
        assertThat(events.get(0)).isInstanceOf(KvEvent.BlockRemoved.class);
        assertThat(hashes(((KvEvent.BlockRemoved) events.get(0)).hashes())).isEqualTo(evicted);
        assertThat(events.subList(1, events.size())).allMatch(KvEvent.BlockStored.class::isInstance);
    }

    @Test
    void keepsASnapshotEqualToThePoolThroughChurnAndReset() {
        BlockPool pool = new BlockPool(20, true, journal);
        Scheduler scheduler = scheduler(pool);
        for (int i = 0; i < 12; i++) {
            run(scheduler, sequence("r" + i, tokens((i % 5) * 37, 40 + 17 * (i % 4)), 1 + i % 3));
            assertThat(snapshotHashes()).isEqualTo(hashes(pool.cachedHashes()));
        }

        pool.clearCache();

        assertThat(journal.read(journal.lastSeq(), 1)).singleElement().isInstanceOf(KvEvent.AllBlocksCleared.class);
        assertThat(journal.snapshot().blocks()).isEmpty();
    }

    @Test
    void listsParentsBeforeChildrenInTheSnapshot() {
        BlockPool pool = new BlockPool(64, true, journal);
        Scheduler scheduler = scheduler(pool);
        run(scheduler, sequence("a", tokens(0, 100), 40));

        List<KvEventJournal.CachedBlock> blocks = journal.snapshot().blocks();

        Set<Long> seen = new HashSet<>();
        for (KvEventJournal.CachedBlock block : blocks) {
            assertThat(block.parentHash() == 0 || seen.contains(block.parentHash())).as("parent listed first").isTrue();
            seen.add(block.hash());
        }
        assertThat(blocks).hasSize(8);
    }

    private Set<Long> snapshotHashes() {
        Set<Long> hashes = new HashSet<>();
        journal.snapshot().blocks().forEach(b -> hashes.add(b.hash()));
        return hashes;
    }

    private static Set<Long> hashes(long[] values) {
        Set<Long> set = new HashSet<>();
        for (long v : values) {
            set.add(v);
        }
        return set;
    }

    private static List<Sequence> run(Scheduler scheduler, Sequence sequence) {
        scheduler.add(sequence);
        List<Sequence> finished = new ArrayList<>();
        for (long step = 1; !scheduler.isIdle(); step++) {
            for (Sequence seq : scheduler.complete(scheduler.schedule(step), step)) {
                if (seq.finishReason() != null) {
                    finished.add(seq);
                }
            }
            assertThat(step).isLessThan(10_000);
        }
        return finished;
    }
}
