package io.aibrix.batch.execution;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** A semaphore whose number of permits follows a changing limit; a lowered limit takes effect as permits return. */
final class ConcurrencyGate {

    private final IntSupplier limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private int inFlight;

    ConcurrencyGate(IntSupplier limit) {
        this.limit = limit;
    }

    /** Takes a permit; false, without one, if {@code abort} turned true while waiting. */
    boolean acquire(BooleanSupplier abort) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            // The limit may also rise without a release; re-check it now and then.
            while (inFlight >= limit.getAsInt()) {
                if (abort.getAsBoolean()) {
                    return false;
                }
                released.await(50, TimeUnit.MILLISECONDS);
            }
            inFlight++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            inFlight--;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every permit is back; false if {@code abort} turned true first. */
    boolean awaitIdle(BooleanSupplier abort) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (inFlight > 0) {
                if (abort.getAsBoolean()) {
                    return false;
                }
                released.await(50, TimeUnit.MILLISECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
