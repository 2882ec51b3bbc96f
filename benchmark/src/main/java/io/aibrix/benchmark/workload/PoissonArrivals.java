package io.aibrix.benchmark.workload;

import java.util.random.RandomGenerator;

/** A Poisson process: exponential gaps with mean {@code 1 / ratePerSecond}; the first arrival follows one gap. */
public final class PoissonArrivals {

    private final double ratePerSecond;
    private final RandomGenerator random;
    private double nowSeconds;

    public PoissonArrivals(double ratePerSecond, RandomGenerator random) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a positive finite number but was " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.random = random;
    }

    /** The next arrival time in seconds since the start. */
    public double next() {
        nowSeconds += random.nextExponential() / ratePerSecond;
        return nowSeconds;
    }
}
