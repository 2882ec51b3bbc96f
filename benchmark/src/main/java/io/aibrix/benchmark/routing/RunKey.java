package io.aibrix.benchmark.routing;

import java.util.Locale;

/** One cell of the benchmark matrix: a scenario run with one strategy, seed and number of gateway replicas. */
record RunKey(Scenario scenario, String strategy, long seed, int gateways) {

    RunKey {
        if (gateways < 1) {
            throw new IllegalArgumentException("gateways must be >= 1 but was " + gateways);
        }
    }

    /** A file-system friendly name, e.g. {@code A-prefix-cache-seed1} or {@code A-prefix-cache-seed1-gw2}. */
    String directoryName() {
        String safeStrategy = strategy.replaceAll("[^A-Za-z0-9_.-]+", "_");
        return scenario + "-" + safeStrategy + "-seed" + seed + (gateways > 1 ? "-gw" + gateways : "");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s seed %d %s%s", scenario, seed, strategy,
                gateways > 1 ? " (" + gateways + " gateways)" : "");
    }
}
