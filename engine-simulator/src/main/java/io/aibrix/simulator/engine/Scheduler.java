package io.aibrix.simulator.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.aibrix.simulator.kv.BlockHasher;
import io.aibrix.simulator.kv.BlockPool;

/**
 * vLLM V1's continuous-batching scheduler (engine-model.md §2.3). Each step has a token budget: running requests are
 * served first (a decode is one token; an unfinished prefill continues as a chunk), then waiting requests FCFS while
 * fewer than {@code maxNumSeqs} run and budget remains, a new prefill being cut to what is left. A waiting request
 * that cannot get blocks stops admission (head-of-line); a running one that cannot preempts the last running request
 * (recompute: blocks freed, progress lost, back to the front of the queue). A request whose prompt KV comes from a
 * remote prefill engine takes its blocks at its turn, then waits aside (not running, keeping its place) for the
 * modelled transfer time, as vLLM's WAITING_FOR_REMOTE_KVS. Plain Java, confined to the engine thread.
 */
final class Scheduler {

    private final SchedulerLimits limits;
    private final BlockPool pool;
    private final BlockHasher hasher;
    private final LoraSlots loraSlots;
    private final EngineObserver observer;
    private final long transferNanosPerBlock;
    private final KvTiers tiers;
    private final Deque<Sequence> waiting = new ArrayDeque<>();
    private final List<Sequence> running = new ArrayList<>();

    Scheduler(SchedulerLimits limits, BlockPool pool, BlockHasher hasher, LoraSlots loraSlots,
            EngineObserver observer, long transferNanosPerBlock) {
        this(limits, pool, hasher, loraSlots, observer, transferNanosPerBlock, null);
    }

    /** @param tiers KV tiers below the GPU blocks, or null for none */
    Scheduler(SchedulerLimits limits, BlockPool pool, BlockHasher hasher, LoraSlots loraSlots,
            EngineObserver observer, long transferNanosPerBlock, KvTiers tiers) {
        this.tiers = tiers;
        this.limits = limits;
        this.transferNanosPerBlock = transferNanosPerBlock;
        this.pool = pool;
        this.hasher = hasher;
        this.loraSlots = loraSlots;
        this.observer = observer;
    }

    void add(Sequence sequence) {
        waiting.addLast(sequence);
    }

    /** Removes the request wherever it is and frees its blocks; returns it, or null when it is not here. */
    Sequence remove(String requestId) {
        for (Iterator<Sequence> it = waiting.iterator(); it.hasNext();) {
            Sequence s = it.next();
            if (s.id().equals(requestId)) {
                it.remove();
                release(s);
                return s;
            }
        }
        for (Iterator<Sequence> it = running.iterator(); it.hasNext();) {
            Sequence s = it.next();
            if (s.id().equals(requestId)) {
                it.remove();
                release(s);
                return s;
            }
        }
        return null;
    }

    boolean isIdle() {
        return waiting.isEmpty() && running.isEmpty();
    }

    int numRunning() {
        return running.size();
    }

    int numWaiting() {
        return waiting.size();
    }

    /** The earliest time a requested remote KV transfer completes, or {@link Long#MAX_VALUE} when none is pending. */
    long nextRemoteKvNanos() {
        long next = Long.MAX_VALUE;
        for (Sequence s : waiting) {
            if (s.awaitsRemoteKv() && s.remoteKvRequested()) {
                next = Math.min(next, s.remoteKvReadyNanos());
            }
        }
        return next;
    }

    Set<String> runningAdapters() {
        return adaptersOf(running);
    }

    Set<String> waitingAdapters() {
        return adaptersOf(waiting);
    }

    StepBatch schedule(long nowNanos) {
        StepBatch batch = new StepBatch();
        int budget = limits.maxNumBatchedTokens();
        boolean preempted = false;
        Set<String> adapters = new LinkedHashSet<>();

        for (int i = 0; i < running.size() && budget > 0; i++) {
            Sequence seq = running.get(i);
            int numNew = Math.min(seq.remainingTokens(), budget);
            boolean scheduled = true;
            while (blocksNeeded(seq, numNew) > pool.freeBlocks()) {
                Sequence victim = running.remove(running.size() - 1);
                preempt(victim);
                preempted = true;
                if (victim == seq) {
                    scheduled = false;
                    break;
                }
            }
            if (!scheduled) {
                break;
            }
            allocate(seq, blocksNeeded(seq, numNew));
            batch.add(seq, numNew);
            budget -= numNew;
            if (seq.adapter() != null) {
                adapters.add(seq.adapter());
            }
        }

        int loads = 0;
        if (!preempted) {
            Deque<Sequence> skipped = new ArrayDeque<>();
            while (!waiting.isEmpty() && budget > 0 && running.size() < limits.maxNumSeqs()) {
                Sequence seq = waiting.peekFirst();
                String adapter = seq.adapter();
                if (adapter != null && !adapters.contains(adapter) && adapters.size() >= loraSlots.capacity()) {
                    skipped.addLast(waiting.pollFirst());
                    continue;
                }
                if (tiers != null && !seq.awaitsRemoteKv() && !requestTierKv(seq, nowNanos)) {
                    break;
                }
                if (seq.awaitsRemoteKv() && !seq.remoteKvRequested() && !requestRemoteKv(seq, nowNanos)) {
                    break;
                }
                if (seq.awaitsRemoteKv() && nowNanos < seq.remoteKvReadyNanos()) {
                    skipped.addLast(waiting.pollFirst());
                    continue;
                }
                boolean admitted = seq.awaitsRemoteKv()
                        ? admitWithRemoteKv(seq, budget, batch, nowNanos)
                        : admit(seq, budget, batch, nowNanos);
                if (!admitted) {
                    break;
                }
                waiting.pollFirst();
                running.add(seq);
                budget -= batch.newTokens(batch.size() - 1);
                if (adapter != null) {
                    if (loraSlots.ensureResident(adapter, adapters)) {
                        loads++;
                    }
                    adapters.add(adapter);
                }
            }
            while (!skipped.isEmpty()) {
                waiting.addFirst(skipped.pollLast());
            }
        }
        batch.setAdapters(adapters.size(), loads);
        pool.flushEvents();
        return batch;
    }

    /** Tries to admit the head of the queue with its longest cached prefix; false when blocks are short. */
    private boolean admit(Sequence seq, int budget, StepBatch batch, long nowNanos) {
        int blockSize = hasher.blockSize();
        int hashed = seq.hashFullBlocks(hasher);
        // At least one token is always recomputed, so the sampler has logits to work from.
        int maxHitBlocks = (seq.tokens().size() - 1) / blockSize;
        int hitBlocks = pool.longestCachedPrefix(seq.blockHashes(), hashed, maxHitBlocks);
        int computed = hitBlocks * blockSize;
        int numNew = Math.min(seq.tokens().size() - computed, budget);
        int newBlocks = ceilDiv(computed + numNew, blockSize) - hitBlocks;
        if (newBlocks + pool.idleAmong(seq.blockHashes(), hitBlocks) > pool.freeBlocks()) {
            return false;
        }
        pool.touch(seq.blockHashes(), hitBlocks, seq.blocks());
        allocate(seq, newBlocks);
        seq.admit(hitBlocks, blockSize, nowNanos);
        observer.onPrefixCacheLookup(seq.tokens().size(), computed);
        if (tiers != null) {
            observer.onKvTierLookup(seq.tokens().size(), 0, 0);
        }
        batch.add(seq, numNew);
        return true;
    }

    /**
     * Starts receiving the prompt blocks a remote prefill holds and the local cache lacks: pins the local hits,
     * allocates blocks for the rest and sets when they will have arrived. False when blocks are short (the queue
     * head then blocks admission, as any other); true as well when there is nothing to receive, which makes it a
     * plain request.
     */
    private boolean requestRemoteKv(Sequence seq, long nowNanos) {
        int blockSize = hasher.blockSize();
        int hashed = seq.hashFullBlocks(hasher);
        int maxHitBlocks = (seq.tokens().size() - 1) / blockSize;
        int hitBlocks = pool.longestCachedPrefix(seq.blockHashes(), hashed, maxHitBlocks);
        int remoteBlocks = Math.min(seq.request().kvTransfer().remoteBlocks(), seq.promptLength() / blockSize);
        int transferBlocks = remoteBlocks - hitBlocks;
        if (transferBlocks <= 0) {
            seq.skipRemoteKv();
            return true;
        }
        if (transferBlocks + pool.idleAmong(seq.blockHashes(), hitBlocks) > pool.freeBlocks()) {
            return false;
        }
        pool.touch(seq.blockHashes(), hitBlocks, seq.blocks());
        allocate(seq, transferBlocks);
        observer.onPrefixCacheLookup(seq.tokens().size(), hitBlocks * blockSize);
        seq.requestRemoteKv(hitBlocks, transferBlocks, nowNanos + transferNanosPerBlock * transferBlocks);
        return true;
    }

    /**
     * Starts loading the prompt blocks that the GPU cache misses and a lower tier holds: pins the GPU hits, allocates
     * blocks for the loaded run and sets when it will have arrived; the request then waits aside like one receiving
     * remote KV, and is admitted with the loaded blocks as computed. True as well when the tiers hold nothing more
     * (a plain admission follows); false when blocks are short (the queue head then blocks admission).
     */
    private boolean requestTierKv(Sequence seq, long nowNanos) {
        int blockSize = hasher.blockSize();
        int hashed = seq.hashFullBlocks(hasher);
        int maxHitBlocks = (seq.tokens().size() - 1) / blockSize;
        int hitBlocks = pool.longestCachedPrefix(seq.blockHashes(), hashed, maxHitBlocks);
        int limit = Math.min(hashed, maxHitBlocks);
        if (hitBlocks >= limit) {
            return true;
        }
        KvTiers.TierLoad load = tiers.plan(seq.blockHashes(), hitBlocks, limit, seq.remoteTierBlocks());
        if (load.blocks() == 0) {
            return true;
        }
        if (load.blocks() + pool.idleAmong(seq.blockHashes(), hitBlocks) > pool.freeBlocks()) {
            return false;
        }
        pool.touch(seq.blockHashes(), hitBlocks, seq.blocks());
        allocate(seq, load.blocks());
        long readyNanos = tiers.load(load, seq.blockHashes(), nowNanos);
        observer.onPrefixCacheLookup(seq.tokens().size(), hitBlocks * blockSize);
        observer.onKvTierLookup(seq.tokens().size(), load.l1Blocks() * blockSize, load.l2Blocks() * blockSize);
        seq.loadFromTiers(hitBlocks, load.blocks(), readyNanos);
        return true;
    }

    /**
     * Admits a request whose remote KV has arrived: the received blocks count as computed and become cached, except
     * that at least the last prompt token is computed here, for the sampler (vLLM recomputes it too).
     */
    private boolean admitWithRemoteKv(Sequence seq, int budget, StepBatch batch, long nowNanos) {
        int blockSize = hasher.blockSize();
        int held = seq.localHitBlocks() + seq.receivedBlocks();
        int computed = Math.min(held * blockSize, seq.tokens().size() - 1);
        int numNew = Math.min(seq.tokens().size() - computed, budget);
        int newBlocks = Math.max(0, ceilDiv(computed + numNew, blockSize) - seq.blocks().size());
        if (newBlocks > pool.freeBlocks()) {
            return false;
        }
        allocate(seq, newBlocks);
        int cachedBlocks = computed / blockSize;
        pool.cacheBlocks(seq.blocks(), seq.blockHashes(), seq.localHitBlocks(), cachedBlocks, seq.tokens(),
                seq.adapter());
        seq.admitWithRemoteKv(computed, cachedBlocks, nowNanos);
        if (!seq.loadsFromTiers()) {
            observer.onKvTransferReceived(seq.receivedBlocks() * blockSize);
        }
        batch.add(seq, numNew);
        return true;
    }

    /**
     * Applies a finished step: advances every scheduled sequence, registers newly full blocks in the cache, samples
     * a token for each sequence whose KV is complete, and retires finished sequences. Returns the sequences that
     * produced a token this step, in batch order.
     */
    List<Sequence> complete(StepBatch batch, long nowNanos) {
        List<Sequence> sampled = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Sequence seq = batch.sequence(i);
            seq.advance(batch.newTokens(i));
            cacheComputedBlocks(seq);
            if (seq.sampleIfReady(nowNanos)) {
                sampled.add(seq);
                FinishReason reason = seq.finishAfterSample(limits.maxModelLength());
                if (reason != null) {
                    seq.finish(reason);
                    running.remove(seq);
                    if (reason == FinishReason.LENGTH && seq.request().kvTransfer().produce()) {
                        seq.keepBlocksForRemoteDecode(hasher.blockSize());
                    }
                    release(seq);
                }
            }
        }
        return sampled;
    }

    private void cacheComputedBlocks(Sequence seq) {
        int blockSize = hasher.blockSize();
        int computedFull = seq.numComputed() / blockSize;
        if (computedFull <= seq.cachedInKvBlocks()) {
            return;
        }
        seq.hashFullBlocks(hasher);
        pool.cacheBlocks(seq.blocks(), seq.blockHashes(), seq.cachedInKvBlocks(), computedFull, seq.tokens(),
                seq.adapter());
        seq.setCachedInKvBlocks(computedFull);
    }

    private int blocksNeeded(Sequence seq, int numNew) {
        return ceilDiv(seq.numComputed() + numNew, hasher.blockSize()) - seq.blocks().size();
    }

    private void allocate(Sequence seq, int count) {
        for (int i = 0; i < count; i++) {
            int block = pool.allocate();
            if (block < 0) {
                throw new IllegalStateException("block pool exhausted after a successful capacity check");
            }
            seq.blocks().add(block);
        }
    }

    private void preempt(Sequence victim) {
        release(victim);
        victim.preempted();
        waiting.addFirst(victim);
        observer.onPreemption();
    }

    private void release(Sequence seq) {
        pool.release(seq.blocks());
        seq.blocks().clear();
    }

    private static Set<String> adaptersOf(Iterable<Sequence> sequences) {
        Set<String> adapters = new HashSet<>();
        for (Sequence s : sequences) {
            if (s.adapter() != null) {
                adapters.add(s.adapter());
            }
        }
        return adapters;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
