package io.aibrix.benchmark.routing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated routing benchmark: every scenario runs with every one of its strategies and every seed, each run on a
 * fresh cluster. {@code strategies} null means each scenario's defaults. {@code replicaStrategies} are run once more
 * on scenario A with {@code replicaGateways} gateways, for the replica check (empty: no replica runs).
 * {@code jitWarmupSeconds} of throwaway load precede the first run so it does not pay for the JVM's cold JIT.
 */
record RoutingPlan(List<Scenario> scenarios, List<String> strategies, List<Long> seeds, double durationSeconds,
        double warmupSeconds, int gateways, List<String> replicaStrategies, int replicaGateways, double loadScale,
        double jitWarmupSeconds, Duration requestTimeout, ClusterSettings cluster, Path resultsDirectory,
        boolean rawResults) {

    RoutingPlan {
        scenarios = List.copyOf(scenarios);
        strategies = strategies == null ? null : List.copyOf(strategies);
        seeds = List.copyOf(seeds);
        replicaStrategies = List.copyOf(replicaStrategies);
        if (scenarios.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException("need at least one scenario and one seed");
        }
        if (strategies != null && strategies.isEmpty()) {
            throw new IllegalArgumentException("strategies must be null (defaults) or non-empty");
        }
        if (!(durationSeconds > 0) || !(warmupSeconds >= 0) || warmupSeconds >= durationSeconds) {
            throw new IllegalArgumentException("need 0 <= warmup < duration but got warmup " + warmupSeconds
                    + " s and duration " + durationSeconds + " s");
        }
        if (gateways < 1 || replicaGateways < 1) {
            throw new IllegalArgumentException("gateway counts must be >= 1");
        }
        if (!(loadScale > 0) || Double.isInfinite(loadScale) || !(jitWarmupSeconds >= 0)) {
            throw new IllegalArgumentException("need loadScale > 0 and jitWarmupSeconds >= 0");
        }
    }

    static final double DEFAULT_DURATION_SECONDS = 60;
    static final double DEFAULT_WARMUP_SECONDS = 15;
    static final double DEFAULT_JIT_WARMUP_SECONDS = 10;
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(300);

    /**
     * The issue's benchmark with this harness's default lengths: every scenario, default strategies, seeds 1 and 2,
     * 60 s runs with 15 s warmup (about an hour on 2 cores), prefix-cache again with 2 gateways.
     */
    static RoutingPlan issueDefaults(Path resultsDirectory) {
        return new RoutingPlan(List.of(Scenario.values()), null, List.of(1L, 2L), DEFAULT_DURATION_SECONDS,
                DEFAULT_WARMUP_SECONDS, 1, List.of(Scenario.Strategies.PREFIX_CACHE), 2, 1.0,
                DEFAULT_JIT_WARMUP_SECONDS, DEFAULT_REQUEST_TIMEOUT, ClusterSettings.defaults(), resultsDirectory,
                false);
    }

    List<String> strategiesFor(Scenario scenario) {
        return strategies != null ? strategies : scenario.defaultStrategies();
    }

    /** The matrix in run order: scenario, then seed, then strategy; replica runs last. */
    List<RunKey> runs() {
        List<RunKey> runs = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (long seed : seeds) {
                for (String strategy : strategiesFor(scenario)) {
                    runs.add(new RunKey(scenario, strategy, seed, gateways));
                }
            }
        }
        if (scenarios.contains(Scenario.A) && replicaGateways != gateways) {
            for (long seed : seeds) {
                for (String strategy : replicaStrategies) {
                    runs.add(new RunKey(Scenario.A, strategy, seed, replicaGateways));
                }
            }
        }
        return runs;
    }
}
