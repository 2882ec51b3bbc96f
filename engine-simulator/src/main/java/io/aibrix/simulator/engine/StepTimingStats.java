package io.aibrix.simulator.engine;

import java.util.Arrays;

/**
 * How closely measured step durations follow the model: per step, |measured − modelled| in milliseconds, kept in a
 * bounded ring for percentiles. A step is within tolerance when its error is at most max(5 % of modelled, 1 ms).
 */
public final class StepTimingStats {

    private static final int RING = 1 << 16;

    private final double[] absErrors = new double[RING];
    private long steps;
    private double modelledSum;
    private double measuredSum;
    private double absErrorSum;
    private double absErrorMax;
    private long withinTolerance;

    public synchronized void record(double modelledMs, double measuredMs) {
        double error = Math.abs(measuredMs - modelledMs);
        absErrors[(int) (steps % RING)] = error;
        steps++;
        modelledSum += modelledMs;
        measuredSum += measuredMs;
        absErrorSum += error;
        absErrorMax = Math.max(absErrorMax, error);
        if (error <= Math.max(0.05 * modelledMs, 1.0)) {
            withinTolerance++;
        }
    }

    public synchronized void reset() {
        steps = 0;
        modelledSum = measuredSum = absErrorSum = absErrorMax = 0;
        withinTolerance = 0;
    }

    public synchronized Snapshot snapshot() {
        if (steps == 0) {
            return new Snapshot(0, 0, 0, 0, 0, 0, 0, 1.0);
        }
        double[] sorted = Arrays.copyOf(absErrors, (int) Math.min(steps, RING));
        Arrays.sort(sorted);
        return new Snapshot(steps, modelledSum / steps, measuredSum / steps, absErrorSum / steps,
                percentile(sorted, 0.50), percentile(sorted, 0.99), absErrorMax, (double) withinTolerance / steps);
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    /** Means and error percentiles in milliseconds; {@code withinToleranceRatio} in [0, 1]. */
    public record Snapshot(long steps, double modelledMsMean, double measuredMsMean, double absErrorMsMean,
            double absErrorMsP50, double absErrorMsP99, double absErrorMsMax, double withinToleranceRatio) {
    }
}
