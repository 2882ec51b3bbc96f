package io.aibrix.benchmark.batch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Samples a heap reading on a virtual thread until closed, keeping the maximum and the number of samples. */
final class HeapSampler implements AutoCloseable {

    private final AtomicLong max = new AtomicLong();
    private final AtomicInteger samples = new AtomicInteger();
    private final Thread thread;

    HeapSampler(LongSupplier heapUsed, Duration interval) {
        thread = Thread.ofVirtual().name("heap-sampler").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    long used = heapUsed.getAsLong();
                    max.accumulateAndGet(used, Math::max);
                    samples.incrementAndGet();
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // one missed sample (e.g. the service busy past the timeout); the next one counts
                }
            }
        });
    }

    long maxBytes() {
        return max.get();
    }

    int samples() {
        return samples.get();
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
