package io.aibrix.benchmark.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was run, echoed into the summary and report. {@code durationSeconds}, {@code numRequests},
 * {@code maxConcurrency} and {@code routingStrategy} are null when not set.
 */
public record RunInfo(String startedAt, String model, String api, List<String> targets, String targetPolicy,
        String routingStrategy, String workload, Map<String, Object> workloadParameters, long seed,
        Double durationSeconds, Long numRequests, double warmupSeconds, Integer maxConcurrency) {

    public RunInfo {
        targets = List.copyOf(targets);
        workloadParameters = Collections.unmodifiableMap(new LinkedHashMap<>(workloadParameters));
    }
}
