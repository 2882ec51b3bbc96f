package io.aibrix.gateway.routing.prefix;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per pod, the GPU seconds of work routed to it over a trailing window: Preble's "load" of an engine. Each pod's
 * window is a ring of {@value #BUCKETS} time buckets, so memory is constant whatever the request rate, and work
 * leaves the window at bucket granularity (window / {@value #BUCKETS}).
 */
final class WorkWindows {

    static final int BUCKETS = 20;

    private final Clock clock;
    private final long bucketMillis;
    private final Map<String, Ring> byPod = new ConcurrentHashMap<>();

    WorkWindows(Clock clock, Duration window) {
        if (window.toMillis() < BUCKETS) {
            throw new IllegalArgumentException("window must be at least " + BUCKETS + " ms, got " + window);
        }
        this.clock = clock;
        this.bucketMillis = window.toMillis() / BUCKETS;
    }

    /** Adds {@code seconds} of work to the pod at {@code address}, now. */
    void add(String address, double seconds) {
        byPod.computeIfAbsent(address, a -> new Ring()).add(clock.millis() / bucketMillis, seconds);
    }

    /** Work routed to the pod at {@code address} within the window, in seconds. */
    double load(String address) {
        Ring ring = byPod.get(address);
        return ring == null ? 0 : ring.sum(clock.millis() / bucketMillis);
    }

    void retainPods(Set<String> live) {
        byPod.keySet().retainAll(live);
    }

    /** Bucket {@code i} holds the work of bucket number {@code numbers[i]}; older numbers are stale. */
    private static final class Ring {

        private final double[] work = new double[BUCKETS];
        private final long[] numbers = new long[BUCKETS];

        synchronized void add(long bucket, double seconds) {
            int slot = (int) (bucket % BUCKETS);
            if (numbers[slot] != bucket) {
                numbers[slot] = bucket;
                work[slot] = 0;
            }
            work[slot] += seconds;
        }

        synchronized double sum(long bucket) {
            double total = 0;
            for (int i = 0; i < BUCKETS; i++) {
                if (bucket - numbers[i] < BUCKETS) {
                    total += work[i];
                }
            }
            return total;
        }
    }
}
