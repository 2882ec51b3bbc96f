package io.aibrix.simulator.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.aibrix.simulator.kv.BlockHasher;
import io.aibrix.simulator.kv.BlockPool;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link Scheduler}'s prefill/decode KV hand-off: producing block ids and receiving remote KV. */
class SchedulerKvTransferTests {

    private static final long SEED = 3;
    private static final long PER_BLOCK = 1_000;

    private final List<String> lookups = new ArrayList<>();
    private final List<Integer> received = new ArrayList<>();
    private final EngineObserver observer = new EngineObserver() {
        @Override
        public void onPrefixCacheLookup(int queriedTokens, int hitTokens) {
            lookups.add(queriedTokens + "/" + hitTokens);
        }

        @Override
        public void onKvTransferReceived(int tokens) {
            received.add(tokens);
        }
    };
    private final BlockPool pool = new BlockPool(64, true, BlockPool.BlockEventListener.NONE);
    private final Scheduler scheduler = new Scheduler(new SchedulerLimits(8, 2048, 4096), pool,
            new BlockHasher(16, SEED), new LoraSlots(1), observer, PER_BLOCK);

    private static Sequence sequence(String id, int[] prompt, int maxOutput, KvTransfer transfer) {
        return new Sequence(new EngineRequest(id, prompt, maxOutput, 0, null, 0, 0, null, transfer), SEED);
    }

    private static int[] tokens(int from, int count) {
        return IntStream.range(from, from + count).map(i -> 1000 + i).toArray();
    }

    @Test
    void keepsTheComputedFullBlocksOfAPrefillForARemoteDecode() {
        Sequence prefill = sequence("p", tokens(0, 70), 1, KvTransfer.forRemoteDecode());
        scheduler.add(prefill);

        scheduler.complete(scheduler.schedule(1), 1);

        FinishedRequest finished = prefill.toFinished(2);
        assertThat(finished.reason()).isEqualTo(FinishReason.LENGTH);
        assertThat(finished.kvTransferBlockIds()).hasSize(4).doesNotHaveDuplicates().doesNotContain(0);
    }

    @Test
    void handsNoBlocksOverForAPlainRequest() {
        Sequence plain = sequence("p", tokens(0, 70), 1, KvTransfer.NONE);
        scheduler.add(plain);

        scheduler.complete(scheduler.schedule(1), 1);

        assertThat(plain.toFinished(2).kvTransferBlockIds()).isNull();
    }

    @Test
    void waitsOutTheTransferAsideThenComputesOnlyThePromptTail() {
        Sequence decode = sequence("d", tokens(0, 70), 3, KvTransfer.fromRemotePrefill(4));
        scheduler.add(decode);

        StepBatch duringTransfer = scheduler.schedule(100);
        long ready = scheduler.nextRemoteKvNanos();
        StepBatch stillWaiting = scheduler.schedule(ready - 1);
        StepBatch afterTransfer = scheduler.schedule(ready);

        assertThat(duringTransfer.isEmpty()).isTrue();
        assertThat(ready).isEqualTo(100 + 4 * PER_BLOCK);
        assertThat(stillWaiting.isEmpty()).isTrue();
        // 4 blocks = 64 tokens arrive; only the 6 tokens of the partial block are prefilled here.
        assertThat(afterTransfer.prefillTokens()).isEqualTo(6);
        assertThat(received).containsExactly(64);
        assertThat(lookups).containsExactly("70/0");
        assertThat(scheduler.complete(afterTransfer, ready)).containsExactly(decode);
        assertThat(decode.toFinished(ready).cachedTokens()).isEqualTo(64);
    }

    @Test
    void recomputesTheLastTokenWhenTheWholePromptArrives() {
        Sequence decode = sequence("d", tokens(0, 64), 2, KvTransfer.fromRemotePrefill(4));
        scheduler.add(decode);
        scheduler.schedule(0);

        StepBatch batch = scheduler.schedule(scheduler.nextRemoteKvNanos());

        assertThat(batch.prefillTokens()).isEqualTo(1);
    }

    @Test
    void receivesOnlyTheBlocksItDoesNotCacheLocally() {
        int[] prompt = tokens(0, 70);
        scheduler.add(sequence("local", tokens(0, 40), 1, KvTransfer.NONE));
        scheduler.complete(scheduler.schedule(0), 0);
        received.clear();

        scheduler.add(sequence("d", prompt, 1, KvTransfer.fromRemotePrefill(4)));
        scheduler.schedule(10);
        long ready = scheduler.nextRemoteKvNanos();
        scheduler.schedule(ready);

        // 2 blocks were cached locally; the other 2 are transferred.
        assertThat(ready).isEqualTo(10 + 2 * PER_BLOCK);
        assertThat(received).containsExactly(32);
    }

    @Test
    void prefillsAsUsualWhenTheLocalCacheHoldsEverythingTheRemoteOffers() {
        scheduler.add(sequence("local", tokens(0, 70), 1, KvTransfer.NONE));
        scheduler.complete(scheduler.schedule(0), 0);

        scheduler.add(sequence("d", tokens(0, 70), 1, KvTransfer.fromRemotePrefill(4)));
        StepBatch batch = scheduler.schedule(1);

        assertThat(batch.prefillTokens()).isEqualTo(6);
        assertThat(received).isEmpty();
        assertThat(scheduler.nextRemoteKvNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void letsOtherRequestsRunWhileATransferIsInFlight() {
        scheduler.add(sequence("d", tokens(0, 70), 1, KvTransfer.fromRemotePrefill(4)));
        scheduler.add(sequence("plain", tokens(500, 20), 1, KvTransfer.NONE));

        StepBatch batch = scheduler.schedule(0);

        assertThat(batch.size()).isEqualTo(1);
        assertThat(batch.prefillTokens()).isEqualTo(20);
        assertThat(scheduler.numWaiting()).isEqualTo(1);
    }
}
