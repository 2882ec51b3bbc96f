package io.aibrix.simulator.fault;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * Faults injected into one engine for tests: extra latency before each request reaches the engine, a share of
 * requests failed with an error status, an engine stall (no steps) until a deadline, streams cut after N tokens,
 * and readiness (start-up delay, crash). Thread-safe.
 */
public final class FaultState {

    private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
    private final RandomGenerator random;
    private volatile long readyAtNanos;
    private volatile boolean crashed;

    public FaultState(Duration startupDelay, RandomGenerator random) {
        this.random = random;
        this.readyAtNanos = System.nanoTime() + startupDelay.toNanos();
    }

    /**
     * @param extraLatencyMs added before each inference request reaches the engine
     * @param errorRate share of inference requests answered with {@code errorStatus} instead, in [0, 1]
     * @param stallMs the engine computes nothing for this long from the moment the faults are set
     * @param dropStreamAfterTokens a streamed response is cut (connection closed, no {@code [DONE]}) after this
     *        many tokens; 0 = never
     */
    public record Faults(long extraLatencyMs, double errorRate, int errorStatus, long stallMs,
            int dropStreamAfterTokens, long stallUntilNanos) {

        static final Faults NONE = new Faults(0, 0, 500, 0, 0, 0);
    }

    public Faults current() {
        return faults.get();
    }

    public void set(long extraLatencyMs, double errorRate, int errorStatus, long stallMs, int dropStreamAfterTokens) {
        long stallUntil = stallMs > 0 ? System.nanoTime() + Duration.ofMillis(stallMs).toNanos() : 0;
        faults.set(new Faults(extraLatencyMs, errorRate, errorStatus, stallMs, dropStreamAfterTokens, stallUntil));
    }

    public void clear() {
        faults.set(Faults.NONE);
    }

    public boolean engineStalled() {
        long until = faults.get().stallUntilNanos();
        return until != 0 && System.nanoTime() < until;
    }

    /** Draws whether this request should fail; only consulted when an error rate is set. */
    public boolean shouldFail() {
        double rate = faults.get().errorRate();
        return rate > 0 && random.nextDouble() < rate;
    }

    public boolean isReady() {
        return !crashed && System.nanoTime() >= readyAtNanos;
    }

    public void markCrashed() {
        crashed = true;
    }
}
