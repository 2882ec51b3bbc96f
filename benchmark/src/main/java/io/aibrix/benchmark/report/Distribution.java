package io.aibrix.benchmark.report;

import java.util.Arrays;
import java.util.Collection;

/**
 * Summary statistics of a sample, in the sample's unit. Percentiles interpolate linearly between closest ranks
 * (numpy's default, as vLLM's benchmark uses).
 */
public record Distribution(long count, double mean, double p50, double p90, double p99, double min, double max) {

    /** Null for an empty sample, so absent statistics stay absent in JSON and tables. */
    public static Distribution of(Collection<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public static Distribution of(double[] values) {
        if (values.length == 0) {
            return null;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double value : sorted) {
            sum += value;
        }
        return new Distribution(sorted.length, sum / sorted.length, percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted[0], sorted[sorted.length - 1]);
    }

    /** The {@code p}-th percentile (0–100) of an ascending, non-empty array. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in [0, 100] but was " + p);
        }
        double rank = p / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
