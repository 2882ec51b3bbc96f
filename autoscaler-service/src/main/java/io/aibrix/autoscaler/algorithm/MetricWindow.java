package io.aibrix.autoscaler.algorithm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A time-averaged metric: samples fall into one-second buckets (a bucket keeps the mean of its samples) and the
 * window's value is the mean of the buckets within the last {@code length}. Not thread-safe; one reconciler owns it.
 */
public final class MetricWindow {

    private record Bucket(long second, double sum, int count) {

        double mean() {
            return sum / count;
        }
    }

    private final Duration length;
    private final Deque<Bucket> buckets = new ArrayDeque<>();

    public MetricWindow(Duration length) {
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("window length must be positive but was " + length);
        }
        this.length = length;
    }

    public Duration length() {
        return length;
    }

    public void record(Instant at, double value) {
        long second = at.getEpochSecond();
        Bucket last = buckets.peekLast();
        if (last != null && last.second() == second) {
            buckets.pollLast();
            buckets.addLast(new Bucket(second, last.sum() + value, last.count() + 1));
        }
        else {
            buckets.addLast(new Bucket(second, value, 1));
        }
        prune(at);
    }

    /** The mean over the window ending at {@code now}, or NaN when it holds no sample. */
    public double average(Instant now) {
        prune(now);
        if (buckets.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (Bucket bucket : buckets) {
            sum += bucket.mean();
        }
        return sum / buckets.size();
    }

    private void prune(Instant now) {
        long oldest = now.getEpochSecond() - Math.max(1, length.toSeconds()) + 1;
        while (!buckets.isEmpty() && buckets.peekFirst().second() < oldest) {
            buckets.pollFirst();
        }
    }
}
