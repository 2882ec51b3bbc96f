package io.aibrix.benchmark.run;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of a run, read by the progress line. {@code expectedRequests} and {@code expectedSeconds} are
 * 0 when unknown.
 */
public final class RunProgress {

    private final long expectedRequests;
    private final double expectedSeconds;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long startNanos;
    private volatile boolean started;

    public RunProgress(long expectedRequests, double expectedSeconds) {
        this.expectedRequests = expectedRequests;
        this.expectedSeconds = expectedSeconds;
    }

    void start(long nanos) {
        startNanos = nanos;
        started = true;
    }

    void sent() {
        sent.incrementAndGet();
    }

    void finished(boolean success) {
        (success ? succeeded : failed).incrementAndGet();
    }

    public boolean started() {
        return started;
    }

    public long startNanos() {
        return startNanos;
    }

    public long expectedRequests() {
        return expectedRequests;
    }

    public double expectedSeconds() {
        return expectedSeconds;
    }

    public long sentCount() {
        return sent.get();
    }

    public long succeededCount() {
        return succeeded.get();
    }

    public long failedCount() {
        return failed.get();
    }

    public long inFlight() {
        return sent.get() - succeeded.get() - failed.get();
    }
}
