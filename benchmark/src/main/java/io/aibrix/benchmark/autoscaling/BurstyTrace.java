package io.aibrix.benchmark.autoscaling;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The benchmark's 20-minute trace: a quiet base, two rises, a spike, a fall back to the base. Rates are piecewise
 * linear between the points below (trace seconds, requests per second of the <em>replay</em>); arrivals are a
 * Poisson process of that rate, thinned from the peak rate, so a seed fixes them. Replayed {@code timeScale} times
 * faster: trace second {@code t} is sent at {@code t / timeScale}.
 */
final class BurstyTrace {

    static final double TRACE_SECONDS = 1200;

    /** (trace second, replay rate): base, rise 1, plateau, rise 2, plateau, spike, fall, base. */
    static final double[][] PROFILE = {
        {0, 1.5}, {180, 1.5}, {300, 4}, {420, 4}, {540, 6}, {660, 6}, {700, 10}, {780, 10}, {840, 6}, {960, 1.5},
        {1200, 1.5}};

    private BurstyTrace() {
    }

    /** The replay rate at trace second {@code t}. */
    static double rate(double t) {
        for (int i = 1; i < PROFILE.length; i++) {
            if (t <= PROFILE[i][0]) {
                double[] a = PROFILE[i - 1];
                double[] b = PROFILE[i];
                return a[1] + (b[1] - a[1]) * (t - a[0]) / (b[0] - a[0]);
            }
        }
        return PROFILE[PROFILE.length - 1][1];
    }

    static double peakRate() {
        double peak = 0;
        for (double[] point : PROFILE) {
            peak = Math.max(peak, point[1]);
        }
        return peak;
    }

    /** Send times in replay seconds, ascending. */
    static List<Double> arrivals(double timeScale, RandomGenerator random) {
        double replaySeconds = TRACE_SECONDS / timeScale;
        double peak = peakRate();
        List<Double> arrivals = new ArrayList<>();
        double t = 0;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / peak;
            if (t >= replaySeconds) {
                return arrivals;
            }
            if (random.nextDouble() * peak <= rate(t * timeScale)) {
                arrivals.add(t);
            }
        }
    }
}
