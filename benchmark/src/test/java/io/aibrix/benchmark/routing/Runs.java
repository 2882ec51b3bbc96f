package io.aibrix.benchmark.routing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Synthetic run measurements for tests of summaries, checks and reports; latencies in seconds. */
final class Runs {

    private Runs() {
    }

    /** A run whose TTFT p50 is 0.8 x its mean and E2E 20 x its TTFT mean; the busiest engine has {@code share}. */
    static RunMeasurement run(Scenario scenario, String strategy, long seed, int gateways, double ttftMean,
            double ttftP99, Double hitRate, double share) {
        return run(scenario, strategy, seed, gateways, ttftMean, ttftP99, hitRate, share, Map.of(), 0);
    }

    static RunMeasurement run(Scenario scenario, String strategy, long seed, int gateways, double ttftMean,
            double ttftP99, Double hitRate, double share, Map<String, ClassLatency> classes, long serverErrors) {
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("127.0.0.1:9000", share);
        double rest = (1 - share) / 3;
        shares.put("127.0.0.1:9001", rest);
        shares.put("127.0.0.1:9002", rest);
        shares.put("127.0.0.1:9003", rest);
        RunKey key = new RunKey(scenario, strategy, seed, gateways);
        return new RunMeasurement(key, 100, 0, serverErrors, ttftMean, ttftMean * 0.8, ttftP99, ttftMean * 20,
                0.03, hitRate, 5L, shares, classes, List.of(ttftMean * 0.5, ttftMean, ttftP99),
                Path.of("results", key.directoryName()), 70);
    }

    static Map<String, ClassLatency> classes(double lightE2e, double heavyE2e) {
        return Map.of("light", new ClassLatency(40, 0.05, lightE2e), "heavy", new ClassLatency(25, 0.4, heavyE2e));
    }

    static RoutingResults results(RunMeasurement... runs) {
        return new RoutingResults(List.of(runs), Map.of());
    }
}
