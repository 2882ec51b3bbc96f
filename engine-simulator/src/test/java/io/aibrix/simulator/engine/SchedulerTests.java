package io.aibrix.simulator.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.aibrix.simulator.kv.BlockHasher;
import io.aibrix.simulator.kv.BlockPool;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link Scheduler}: vLLM V1 batching, chunked prefill, prefix caching, preemption and LoRA slots. */
class SchedulerTests {

    private static final long SEED = 1;

    private final List<String> lookups = new ArrayList<>();
    private int preemptions;
    private final EngineObserver observer = new EngineObserver() {
        @Override
        public void onPrefixCacheLookup(int queriedTokens, int hitTokens) {
            lookups.add(queriedTokens + "/" + hitTokens);
        }

        @Override
        public void onPreemption() {
            preemptions++;
        }
    };

    private Scheduler scheduler(int numBlocks, int maxNumSeqs, int budget, int maxLoras) {
        return new Scheduler(new SchedulerLimits(maxNumSeqs, budget, 4096),
                new BlockPool(numBlocks, true, BlockPool.BlockEventListener.NONE), new BlockHasher(16, SEED),
                new LoraSlots(maxLoras), observer, 0);
    }

    private static Sequence sequence(String id, int[] prompt, int maxOutput, String adapter) {
        return new Sequence(new EngineRequest(id, prompt, maxOutput, 0, adapter, adapter == null ? 0 : adapter.hashCode(),
                0, null), SEED);
    }

    private static int[] tokens(int from, int count) {
        return IntStream.range(from, from + count).map(i -> 1000 + i).toArray();
    }

    @Test
    void servesARepeatedPromptFromCacheExceptItsLastBlock() {
        Scheduler scheduler = scheduler(64, 8, 2048, 1);
        scheduler.add(sequence("a", tokens(0, 64), 1, null));
        runToCompletion(scheduler);

        scheduler.add(sequence("b", tokens(0, 64), 1, null));
        StepBatch batch = scheduler.schedule(1);

        // 64 tokens = 4 full blocks, but one token must be recomputed, so only 3 blocks can hit.
        assertThat(lookups).containsExactly("64/0", "64/48");
        assertThat(batch.prefillTokens()).isEqualTo(16);
    }

    @Test
    void chunksALongPrefillToTheTokenBudgetAndSamplesOnlyAtItsEnd() {
        Scheduler scheduler = scheduler(64, 8, 32, 1);
        Sequence seq = sequence("a", tokens(0, 100), 5, null);
        scheduler.add(seq);

        List<Long> chunks = new ArrayList<>();
        List<Integer> sampled = new ArrayList<>();
        for (int step = 0; step < 4; step++) {
            StepBatch batch = scheduler.schedule(step + 1);
            chunks.add(batch.prefillTokens());
            sampled.add(scheduler.complete(batch, step + 1).size());
        }

        assertThat(chunks).containsExactly(32L, 32L, 32L, 4L);
        assertThat(sampled).containsExactly(0, 0, 0, 1);
    }

    @Test
    void servesRunningDecodesBeforeAdmittingWaitingPrefills() {
        Scheduler scheduler = scheduler(64, 8, 40, 1);
        scheduler.add(sequence("a", tokens(0, 20), 10, null));
        scheduler.complete(scheduler.schedule(1), 1);
        scheduler.add(sequence("b", tokens(100, 100), 10, null));

        StepBatch batch = scheduler.schedule(2);

        assertThat(batch.decodeSequences()).isEqualTo(1);
        assertThat(batch.prefillTokens()).isEqualTo(39);
        assertThat(batch.decodeContextTokens()).isEqualTo(21);
    }

    @Test
    void capsTheRunningBatchAtMaxNumSeqs() {
        Scheduler scheduler = scheduler(64, 2, 2048, 1);
        for (int i = 0; i < 3; i++) {
            scheduler.add(sequence("r" + i, tokens(i * 100, 10), 5, null));
        }

        scheduler.schedule(1);

        assertThat(scheduler.numRunning()).isEqualTo(2);
        assertThat(scheduler.numWaiting()).isEqualTo(1);
    }

    @Test
    void preemptsTheLastRunningRequestWhenBlocksRunOutAndStillFinishesBoth() {
        Scheduler scheduler = scheduler(9, 8, 2048, 1);
        Sequence a = sequence("a", tokens(0, 48), 40, null);
        Sequence b = sequence("b", tokens(500, 48), 40, null);
        scheduler.add(a);
        scheduler.add(b);

        List<Sequence> finished = runToCompletion(scheduler);

        assertThat(preemptions).isPositive();
        assertThat(finished).extracting(Sequence::id).containsExactly("a", "b");
        assertThat(a.outputTokens()).isEqualTo(40);
        assertThat(b.outputTokens()).isEqualTo(40);
        assertThat(b.toFinished(0).preemptions()).isPositive();
    }

    @Test
    void stopsAdmissionAtAQueueHeadThatDoesNotFit() {
        Scheduler scheduler = scheduler(9, 8, 2048, 1);
        scheduler.add(sequence("big", tokens(0, 100), 20, null));
        scheduler.complete(scheduler.schedule(1), 1);
        scheduler.add(sequence("too-big", tokens(200, 60), 1, null));
        scheduler.add(sequence("small", tokens(400, 4), 1, null));

        scheduler.schedule(2);

        assertThat(scheduler.numRunning()).isEqualTo(1);
        assertThat(scheduler.numWaiting()).isEqualTo(2);
    }

    @Test
    void keepsARequestForAnotherAdapterWaitingWhileEveryLoraSlotIsInUse() {
        Scheduler scheduler = scheduler(64, 8, 2048, 1);
        scheduler.add(sequence("x", tokens(0, 10), 10, "lora-x"));
        StepBatch first = scheduler.schedule(1);
        scheduler.complete(first, 1);
        scheduler.add(sequence("y", tokens(100, 10), 10, "lora-y"));
        scheduler.add(sequence("base", tokens(200, 10), 10, null));

        StepBatch second = scheduler.schedule(2);

        assertThat(first.adapterLoads()).isEqualTo(1);
        assertThat(scheduler.runningAdapters()).containsExactly("lora-x");
        assertThat(scheduler.waitingAdapters()).containsExactly("lora-y");
        assertThat(second.size()).isEqualTo(2);
    }

    @Test
    void cachesGeneratedTokensSoAFollowUpTurnHitsThem() {
        Scheduler scheduler = scheduler(64, 8, 2048, 1);
        Sequence first = sequence("turn-1", tokens(0, 30), 20, null);
        scheduler.add(first);
        runToCompletion(scheduler);
        int[] history = first.tokens().toArray();
        int[] followUp = IntStream.concat(IntStream.of(history), IntStream.of(tokens(900, 20))).toArray();

        scheduler.add(sequence("turn-2", followUp, 1, null));
        scheduler.schedule(2);

        // 30 prompt + 20 generated = 50 tokens, of which the first 49 have KV: 3 full blocks.
        assertThat(lookups).last().isEqualTo("70/48");
    }

    @Test
    void abortingFreesTheRequestsBlocks() {
        Scheduler scheduler = scheduler(9, 8, 2048, 1);
        scheduler.add(sequence("a", tokens(0, 100), 50, null));
        scheduler.complete(scheduler.schedule(1), 1);

        Sequence removed = scheduler.remove("a");

        assertThat(removed).isNotNull();
        assertThat(scheduler.isIdle()).isTrue();
        scheduler.add(sequence("b", tokens(300, 120), 1, null));
        assertThat(scheduler.schedule(2).prefillTokens()).isEqualTo(120);
    }

    private static List<Sequence> runToCompletion(Scheduler scheduler) {
        List<Sequence> finished = new ArrayList<>();
        for (long step = 1; !scheduler.isIdle(); step++) {
            StepBatch batch = scheduler.schedule(step);
            for (Sequence seq : scheduler.complete(batch, step)) {
                if (seq.finishReason() != null) {
                    finished.add(seq);
                }
            }
            assertThat(step).isLessThan(10_000);
        }
        return finished;
    }
}
