package io.aibrix.simulator.engine;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.aibrix.simulator.kv.BlockHasher;
import io.aibrix.simulator.kv.BlockPool;

/**
 * The engine loop: one platform thread that builds a batch, waits out its modelled duration, then applies it and
 * emits one token per finished-computing sequence, like vLLM's EngineCore busy loop. Requests arriving mid-step join
 * the next step. Other threads talk to it only through a command queue, so scheduler and block pool stay
 * single-threaded.
 */
public final class EngineCore implements AutoCloseable {

    private final EngineSettings settings;
    private final StepTimeModel timeModel;
    private final EngineObserver observer;
    private final BooleanSupplier stalled;
    private final BlockPool pool;
    private final Scheduler scheduler;
    private final LoraSlots loraSlots;
    private final BlockHasher hasher;
    private final KvTiers tiers;
    private final StepTimingStats stepStats = new StepTimingStats();
    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final Thread thread;
    // parkNanos overshoots by ~0.1-0.2 ms on small VMs; the last stretch is spun to land on the deadline.
    private static final long SPIN_NANOS = 250_000;
    private static final long MAX_CATCH_UP_NANOS = 5_000_000;

    private volatile boolean stopping;
    private long lastDeadline;
    private long lastEmitted;
    private volatile EngineState state = EngineState.IDLE;

    public EngineCore(String name, EngineSettings settings, StepTimeModel timeModel, EngineObserver observer,
            BlockPool.BlockEventListener blockEvents, BooleanSupplier stalled) {
        this(name, settings, timeModel, observer, blockEvents, stalled, null);
    }

    /**
     * @param blockEvents must include the tiers' own listener when there are tiers (GPU evictions go down to L1)
     * @param tiers KV tiers below the GPU blocks, or null for none
     */
    public EngineCore(String name, EngineSettings settings, StepTimeModel timeModel, EngineObserver observer,
            BlockPool.BlockEventListener blockEvents, BooleanSupplier stalled, KvTiers tiers) {
        this.tiers = tiers;
        this.settings = settings;
        this.timeModel = timeModel;
        this.observer = observer;
        this.stalled = stalled;
        this.pool = new BlockPool(settings.numGpuBlocks(), settings.prefixCaching(), blockEvents);
        this.loraSlots = new LoraSlots(settings.maxLoras());
        this.hasher = new BlockHasher(settings.blockSize(), settings.seed());
        this.scheduler = new Scheduler(settings.limits(), pool, hasher, loraSlots, observer,
                settings.transferNanosPerBlock(), tiers);
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    public void submit(EngineRequest request) {
        Sequence sequence = new Sequence(request, settings.seed());
        if (tiers == null || !tiers.hasRemote() || request.kvTransfer().consumes()) {
            commands.add(() -> scheduler.add(sequence));
            return;
        }
        // The remote tier is asked before the request queues, off the engine thread; its answer rides along. The
        // sequence is not shared yet, so hashing it here is safe (the queue hands it over).
        int lookup = Math.min(sequence.hashFullBlocks(hasher), (sequence.promptLength() - 1) / settings.blockSize());
        tiers.lookupRemote(sequence.blockHashes(), lookup, present -> {
            sequence.setRemoteTierBlocks(present);
            commands.add(() -> scheduler.add(sequence));
        });
    }

    /** Aborts a request (client went away); its observer gets an {@code abort} finish if it was still here. */
    public void abort(String requestId) {
        commands.add(() -> {
            Sequence removed = scheduler.remove(requestId);
            if (removed != null) {
                removed.finish(FinishReason.ABORT);
                finish(removed, System.nanoTime());
            }
        });
    }

    /** Drops an adapter's GPU slot (after unload). */
    public void evictAdapter(String adapter) {
        commands.add(() -> loraSlots.unload(adapter));
    }

    /** Forgets every cached block, as vLLM's {@code /reset_prefix_cache}. */
    public void resetPrefixCache() {
        commands.add(pool::clearCache);
    }

    public EngineState state() {
        return state;
    }

    public StepTimingStats stepStats() {
        return stepStats;
    }

    private void run() {
        try {
            while (!stopping) {
                drainCommands(scheduler.isIdle());
                if (stalled.getAsBoolean()) {
                    lastDeadline = 0;
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                    continue;
                }
                if (!step()) {
                    awaitRemoteKv();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one step; false when nothing could be scheduled. */
    private boolean step() {
        long now = System.nanoTime();
        // Back-to-back steps are laid end to end on the modelled timeline, so the CPU time spent scheduling and
        // emitting is absorbed by the next step's wait instead of accumulating; after idling (or falling far
        // behind) the timeline restarts at now.
        boolean continuous = lastDeadline != 0 && now - lastDeadline <= MAX_CATCH_UP_NANOS;
        long start = continuous ? lastDeadline : now;
        StepBatch batch = scheduler.schedule(now);
        if (batch.isEmpty()) {
            lastDeadline = 0;
            publishState();
            return false;
        }
        double modelledMs = timeModel.stepMillis(batch);
        long deadline = start + (long) (modelledMs * 1_000_000);
        sleepUntil(deadline);
        long reached = System.nanoTime();
        List<Sequence> sampled = scheduler.complete(batch, reached);
        for (Sequence seq : sampled) {
            emit(seq, reached);
        }
        publishState();
        observer.onIteration(batch.totalTokens());
        long done = System.nanoTime();
        // Measured = the gap between consecutive emissions, which is what clients observe as a step.
        stepStats.record(modelledMs, (done - (continuous ? lastEmitted : start)) / 1e6);
        lastDeadline = deadline;
        lastEmitted = done;
        return true;
    }

    /** Nothing runs while remote KV is in flight: waits for the first transfer to land, or for a command. */
    private void awaitRemoteKv() throws InterruptedException {
        long next = scheduler.nextRemoteKvNanos();
        if (next == Long.MAX_VALUE) {
            return;
        }
        long wait = next - System.nanoTime();
        if (wait > 0) {
            Runnable command = commands.poll(wait, TimeUnit.NANOSECONDS);
            if (command != null) {
                command.run();
            }
        }
    }

    /** Parks until {@link #SPIN_NANOS} before the deadline, then spins. */
    private static void sleepUntil(long deadline) {
        for (long remaining = deadline - System.nanoTime(); remaining > SPIN_NANOS;
                remaining = deadline - System.nanoTime()) {
            LockSupport.parkNanos(remaining - SPIN_NANOS);
        }
        while (System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private void emit(Sequence seq, long now) {
        if (seq.outputTokens() == 1) {
            observer.onFirstToken((now - seq.request().arrivalNanos()) / 1e9, seq.promptLength());
        } else {
            observer.onNextToken(seq.lastInterTokenNanos() / 1e9);
        }
        seq.request().observer().onToken(seq.lastToken(), seq.lastTokenText(), seq.finishReason());
        if (seq.finishReason() != null) {
            finish(seq, now);
        }
    }

    private void finish(Sequence seq, long now) {
        FinishedRequest finished = seq.toFinished(now);
        observer.onFinished(finished);
        seq.request().observer().onFinished(finished);
    }

    private void drainCommands(boolean idle) throws InterruptedException {
        if (idle && commands.isEmpty()) {
            lastDeadline = 0;
            publishState();
            Runnable first = commands.take();
            first.run();
        }
        for (Runnable command = commands.poll(); command != null; command = commands.poll()) {
            command.run();
        }
    }

    private void publishState() {
        state = new EngineState(scheduler.numRunning(), scheduler.numWaiting(), pool.usage(),
                scheduler.runningAdapters(), scheduler.waitingAdapters());
    }

    @Override
    public void close() {
        if (tiers != null) {
            tiers.close();
        }
        stopping = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
