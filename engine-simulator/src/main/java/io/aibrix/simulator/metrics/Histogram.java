package io.aibrix.simulator.metrics;

import java.util.ArrayList;
import java.util.List;

/** A Prometheus histogram with fixed upper bounds (cumulative buckets are computed at render time). */
final class Histogram {

    private final double[] bounds;
    private final long[] counts;
    private double sum;
    private long count;

    Histogram(double[] bounds) {
        this.bounds = bounds.clone();
        this.counts = new long[bounds.length];
    }

    synchronized void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                counts[i]++;
                break;
            }
        }
        sum += value;
        count++;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(bounds.clone(), counts.clone(), sum, count);
    }

    record Snapshot(double[] bounds, long[] counts, double sum, long count) {
    }

    /** vLLM's {@code build_1_2_5_buckets}: 1, 2, 5, 10, 20, 50, ... up to and including {@code max}. */
    static double[] oneTwoFive(int max) {
        List<Double> bounds = new ArrayList<>();
        int[] mantissas = {1, 2, 5};
        for (long exponent = 1; ; exponent *= 10) {
            for (int mantissa : mantissas) {
                long value = mantissa * exponent;
                if (value > max) {
                    return bounds.stream().mapToDouble(Double::doubleValue).toArray();
                }
                bounds.add((double) value);
            }
        }
    }
}
