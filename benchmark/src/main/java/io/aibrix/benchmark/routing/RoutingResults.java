package io.aibrix.benchmark.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every run of a benchmark, in run order, plus the strategies the gateway did not offer (name to the reason).
 * Summaries are the mean over seeds per scenario, strategy and gateway count.
 */
record RoutingResults(List<RunMeasurement> runs, Map<String, String> unavailable) {

    RoutingResults {
        runs = List.copyOf(runs);
        unavailable = Collections.unmodifiableMap(new LinkedHashMap<>(unavailable));
    }

    Optional<StrategySummary> summary(Scenario scenario, String strategy, int gateways) {
        List<RunMeasurement> matching = runs.stream().filter(run -> run.key().scenario() == scenario
                && run.key().strategy().equals(strategy) && run.key().gateways() == gateways).toList();
        return matching.isEmpty() ? Optional.empty() : Optional.of(StrategySummary.of(matching));
    }

    /** Summaries of one scenario at one gateway count, in the order the strategies first ran. */
    List<StrategySummary> summaries(Scenario scenario, int gateways) {
        List<String> strategies = new ArrayList<>();
        for (RunMeasurement run : runs) {
            if (run.key().scenario() == scenario && run.key().gateways() == gateways
                    && !strategies.contains(run.key().strategy())) {
                strategies.add(run.key().strategy());
            }
        }
        return strategies.stream().map(s -> summary(scenario, s, gateways).orElseThrow()).toList();
    }

    List<RunMeasurement> runs(Scenario scenario, String strategy, int gateways) {
        return runs.stream().filter(run -> run.key().scenario() == scenario
                && run.key().strategy().equals(strategy) && run.key().gateways() == gateways).toList();
    }
}
