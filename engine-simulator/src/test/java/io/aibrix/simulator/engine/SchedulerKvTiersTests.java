package io.aibrix.simulator.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.aibrix.kvcache.client.RingClient;
import io.aibrix.simulator.kv.BlockHasher;
import io.aibrix.simulator.kv.BlockPool;
import io.aibrix.simulator.tiers.CacheNodeClient;
import io.aibrix.simulator.tiers.EvictionPolicies;
import io.aibrix.simulator.tiers.TieredKvCache;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Scheduler} with KV tiers: a GPU miss that a lower tier holds is loaded at the tier's transfer
 * time per block instead of being prefilled.
 */
class SchedulerKvTiersTests {

    private static final long SEED = 5;
    private static final long L1_PER_BLOCK = 1_000;
    private static final long L2_PER_BLOCK = 3_000;

    private final List<String> tierLookups = new ArrayList<>();
    private final List<String> gpuLookups = new ArrayList<>();
    private final List<Integer> received = new ArrayList<>();
    private final EngineObserver observer = new EngineObserver() {
        @Override
        public void onPrefixCacheLookup(int queriedTokens, int hitTokens) {
            gpuLookups.add(queriedTokens + "/" + hitTokens);
        }

        @Override
        public void onKvTierLookup(int queriedTokens, int l1Tokens, int l2Tokens) {
            tierLookups.add(queriedTokens + "/" + l1Tokens + "/" + l2Tokens);
        }

        @Override
        public void onKvTransferReceived(int tokens) {
            received.add(tokens);
        }
    };
    private CacheNodeClient l2;

    @AfterEach
    void closeL2() {
        if (l2 != null) {
            l2.close();
        }
    }

    /** 9 usable blocks of 16 tokens. */
    private Scheduler scheduler(KvTiers tiers, BlockPool.BlockEventListener listener) {
        BlockPool pool = new BlockPool(10, true, listener);
        return new Scheduler(new SchedulerLimits(8, 2048, 4096), pool, new BlockHasher(16, SEED), new LoraSlots(1),
                observer, 0, tiers);
    }

    private Scheduler withL1() {
        TieredKvCache tiers = new TieredKvCache(EvictionPolicies.create("lru", 64), L1_PER_BLOCK, null, 0, true);
        return scheduler(tiers, tiers.alongside(BlockPool.BlockEventListener.NONE));
    }

    private static Sequence sequence(String id, int[] prompt) {
        return new Sequence(new EngineRequest(id, prompt, 1, 0, null, 0, 0, null, KvTransfer.NONE), SEED);
    }

    private static int[] tokens(int from, int count) {
        return IntStream.range(from, from + count).map(i -> 1000 + i).toArray();
    }

    private static void run(Scheduler scheduler, Sequence sequence, long now) {
        scheduler.add(sequence);
        scheduler.complete(scheduler.schedule(now), now);
    }

    /** Computes the prompt, then pushes it out of the GPU cache with a request that needs every block. */
    private static void computeThenEvict(Scheduler scheduler, int[] prompt) {
        run(scheduler, sequence("first", prompt), 0);
        run(scheduler, sequence("evictor", tokens(5000, 130)), 0);
    }

    @Test
    void aGpuMissHeldInL1LoadsAtTheTransferTimeInsteadOfPrefilling() {
        Scheduler scheduler = withL1();
        computeThenEvict(scheduler, tokens(0, 70));
        tierLookups.clear();
        gpuLookups.clear();

        Sequence again = sequence("again", tokens(0, 70));
        scheduler.add(again);
        StepBatch duringLoad = scheduler.schedule(1_000_000);
        long ready = scheduler.nextRemoteKvNanos();
        StepBatch afterLoad = scheduler.schedule(ready);

        assertThat(duringLoad.isEmpty()).isTrue();
        assertThat(ready).isEqualTo(1_000_000 + 4 * L1_PER_BLOCK);
        // 4 full blocks (64 tokens) come from L1; only the 6-token tail is prefilled.
        assertThat(afterLoad.prefillTokens()).isEqualTo(6);
        assertThat(tierLookups).containsExactly("70/64/0");
        assertThat(gpuLookups).containsExactly("70/0");
        assertThat(received).isEmpty();
        assertThat(scheduler.complete(afterLoad, ready)).containsExactly(again);
        assertThat(again.toFinished(ready).cachedTokens()).isEqualTo(64);
    }

    @Test
    void withoutTiersTheSameMissIsPrefilledWhole() {
        Scheduler scheduler = scheduler(null, BlockPool.BlockEventListener.NONE);
        computeThenEvict(scheduler, tokens(0, 70));

        scheduler.add(sequence("again", tokens(0, 70)));
        StepBatch batch = scheduler.schedule(1_000_000);

        assertThat(batch.prefillTokens()).isEqualTo(70);
        assertThat(scheduler.nextRemoteKvNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(tierLookups).isEmpty();
    }

    @Test
    void loadsQueueBehindEachOtherOnTheTierLink() {
        Scheduler scheduler = withL1();
        run(scheduler, sequence("a", tokens(0, 70)), 0);
        run(scheduler, sequence("c", tokens(300, 70)), 0);
        run(scheduler, sequence("evictor", tokens(5000, 130)), 0);

        scheduler.add(sequence("a2", tokens(0, 70)));
        scheduler.add(sequence("c2", tokens(300, 70)));
        scheduler.schedule(10_000);
        long first = scheduler.nextRemoteKvNanos();
        scheduler.schedule(first);
        long second = scheduler.nextRemoteKvNanos();

        assertThat(first).isEqualTo(10_000 + 4 * L1_PER_BLOCK);
        assertThat(second).isEqualTo(10_000 + 8 * L1_PER_BLOCK);
    }

    @Test
    void aPrefixStillInTheGpuCacheIsNotLoadedFromATier() {
        Scheduler scheduler = withL1();
        run(scheduler, sequence("first", tokens(0, 70)), 0);
        tierLookups.clear();

        scheduler.add(sequence("again", tokens(0, 70)));
        StepBatch batch = scheduler.schedule(1);

        assertThat(batch.prefillTokens()).isEqualTo(6);
        assertThat(scheduler.nextRemoteKvNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(tierLookups).containsExactly("70/0/0");
    }

    @Test
    void blocksTheRemoteTierHeldAtArrivalLoadAtItsTransferTimeUpToTheFirstGap() {
        // A ring client that has not read a ring yet resolves no node: writes go nowhere, as with an empty ring.
        l2 = new CacheNodeClient(new RingClient(URI.create("http://127.0.0.1:9"), "default",
                HttpClient.newHttpClient(), Duration.ofSeconds(1), Duration.ofSeconds(1)), Duration.ofMillis(50));
        TieredKvCache tiers = new TieredKvCache(null, 0, l2, L2_PER_BLOCK, true);
        Scheduler scheduler = scheduler(tiers, tiers.alongside(BlockPool.BlockEventListener.NONE));

        Sequence fromL2 = sequence("remote", tokens(0, 70));
        fromL2.setRemoteTierBlocks(new boolean[] {true, true, true, false});
        scheduler.add(fromL2);
        scheduler.schedule(0);
        long ready = scheduler.nextRemoteKvNanos();
        StepBatch batch = scheduler.schedule(ready);

        assertThat(ready).isEqualTo(3 * L2_PER_BLOCK);
        assertThat(batch.prefillTokens()).isEqualTo(70 - 48);
        assertThat(tierLookups).containsExactly("70/0/48");
    }

    @Test
    void gpuEvictionsAreWrittenDownToL1() {
        TieredKvCache tiers = new TieredKvCache(EvictionPolicies.create("s3fifo", 64), L1_PER_BLOCK, null, 0, true);
        Scheduler scheduler = scheduler(tiers, tiers.alongside(BlockPool.BlockEventListener.NONE));
        run(scheduler, sequence("first", tokens(0, 70)), 0);
        assertThat(tiers.l1Blocks()).isZero();

        run(scheduler, sequence("evictor", tokens(5000, 130)), 0);

        assertThat(tiers.l1Blocks()).isEqualTo(4);
    }
}
