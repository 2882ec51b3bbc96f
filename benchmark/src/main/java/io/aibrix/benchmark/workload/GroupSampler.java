package io.aibrix.benchmark.workload;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Picks a prefix group in {@code [0, groups)}: uniformly, or Zipf-distributed with {@code P(k) ∝ 1 / (k+1)^alpha}
 * so that group 0 is the hottest.
 */
public final class GroupSampler {

    private final double[] cumulative;
    private final String description;

    private GroupSampler(double[] weights, String description) {
        this.cumulative = new double[weights.length];
        double total = Arrays.stream(weights).sum();
        double running = 0;
        for (int k = 0; k < weights.length; k++) {
            running += weights[k] / total;
            cumulative[k] = running;
        }
        cumulative[weights.length - 1] = 1.0;
        this.description = description;
    }

    public static GroupSampler uniform(int groups) {
        requirePositive(groups);
        double[] weights = new double[groups];
        Arrays.fill(weights, 1.0);
        return new GroupSampler(weights, "uniform");
    }

    public static GroupSampler zipf(int groups, double alpha) {
        requirePositive(groups);
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("zipf alpha must be a positive finite number but was " + alpha);
        }
        double[] weights = new double[groups];
        for (int k = 0; k < groups; k++) {
            weights[k] = Math.pow(k + 1, -alpha);
        }
        return new GroupSampler(weights, "zipf(" + alpha + ")");
    }

    public int groups() {
        return cumulative.length;
    }

    public double probability(int group) {
        return cumulative[group] - (group == 0 ? 0 : cumulative[group - 1]);
    }

    public int next(RandomGenerator random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return index >= 0 ? Math.min(index + 1, cumulative.length - 1) : -index - 1;
    }

    @Override
    public String toString() {
        return description;
    }

    private static void requirePositive(int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1 but was " + groups);
        }
    }
}
