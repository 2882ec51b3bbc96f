package io.aibrix.benchmark.run;

import java.util.concurrent.locks.LockSupport;

/**
 * Monotonic time in nanoseconds. Latencies and schedules use this rather than {@link java.time.Clock}, whose
 * wall-clock time may jump.
 */
@FunctionalInterface
public interface NanoClock {

    long nanoTime();

    /** Blocks until {@link #nanoTime()} reaches {@code deadlineNanos}; returns at once if it already has. */
    default void sleepUntil(long deadlineNanos) throws InterruptedException {
        long remaining;
        while ((remaining = deadlineNanos - nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    static NanoClock system() {
        return System::nanoTime;
    }
}
