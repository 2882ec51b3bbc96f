package io.aibrix.benchmark.workload;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Independent random streams derived from one seed. Each concern (arrivals, group choice, the text of group 7's
 * prefix, ...) draws from its own stream, so changing one workload parameter never shifts the numbers another
 * concern sees, and text can be generated lazily in any order.
 */
public final class RandomStreams {

    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public RandomGenerator stream(String name) {
        return stream(name, 0);
    }

    public RandomGenerator stream(String name, long index) {
        return new SplittableRandom(mix(mix(seed ^ name.hashCode()) + index));
    }

    /** SplitMix64 finaliser: adjacent inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
