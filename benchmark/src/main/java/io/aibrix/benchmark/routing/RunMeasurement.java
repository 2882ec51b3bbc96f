package io.aibrix.benchmark.routing;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.aibrix.benchmark.report.Distribution;
import io.aibrix.benchmark.report.SummaryCalculator;
import io.aibrix.benchmark.run.RequestResult;
import io.aibrix.benchmark.server.ServerDelta;

/**
 * What one run measured. Latencies are seconds over the measured window (requests scheduled after the warmup);
 * {@code requests} and {@code failed} count measured requests, {@code serverErrors} counts HTTP 5xx answers over the
 * whole run. {@code hitRate} (Σ prefix-cache hits / Σ queried tokens) and {@code preemptions} are deltas of the
 * engines' own {@code /metrics} across the measured window. {@code engineShares} is each engine's share of the
 * measured requests, by the {@code target-pod} the gateway reported. A statistic is null when nothing was measured.
 */
record RunMeasurement(RunKey key, long requests, long failed, long serverErrors, Double ttftMean, Double ttftP50,
        Double ttftP99, Double e2eMean, Double tpotMean, Double hitRate, Long preemptions,
        Map<String, Double> engineShares, Map<String, ClassLatency> classes, List<Double> ttftSeconds,
        Path reportDirectory, double wallSeconds) {

    RunMeasurement {
        engineShares = Collections.unmodifiableMap(new TreeMap<>(engineShares));
        classes = Collections.unmodifiableMap(new TreeMap<>(classes));
        ttftSeconds = List.copyOf(ttftSeconds);
    }

    static RunMeasurement of(RunKey key, List<RequestResult> all, double warmupSeconds, List<String> enginePods,
            ServerDelta window, Path reportDirectory, double wallSeconds) {
        List<RequestResult> measured = all.stream().filter(r -> !SummaryCalculator.isWarmup(r, warmupSeconds))
                .toList();
        List<RequestResult> ok = measured.stream().filter(RequestResult::succeeded).toList();
        Distribution ttft = distribution(ok, RequestResult::ttftSeconds);
        Distribution e2e = distribution(ok, RequestResult::e2eSeconds);
        Distribution tpot = distribution(ok, RequestResult::tpotSeconds);
        long serverErrors = all.stream().filter(r -> r.httpStatus() >= 500).count();
        Map<String, Double> shares = new TreeMap<>();
        for (String pod : enginePods) {
            long count = measured.stream().filter(r -> pod.equals(r.targetPod())).count();
            shares.put(pod, measured.isEmpty() ? 0.0 : (double) count / measured.size());
        }
        Map<String, ClassLatency> classes = ok.stream().filter(r -> r.tags().userClass() != null)
                .collect(Collectors.groupingBy(r -> r.tags().userClass(), TreeMap::new, Collectors.toList()))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> new ClassLatency(
                        e.getValue().size(), mean(e.getValue(), RequestResult::ttftSeconds),
                        mean(e.getValue(), RequestResult::e2eSeconds))));
        List<Double> ttftValues = ok.stream().map(RequestResult::ttftSeconds).filter(Objects::nonNull).sorted()
                .toList();
        return new RunMeasurement(key, measured.size(), measured.size() - ok.size(), serverErrors,
                ttft == null ? null : ttft.mean(), ttft == null ? null : ttft.p50(), ttft == null ? null : ttft.p99(),
                e2e == null ? null : e2e.mean(), tpot == null ? null : tpot.mean(),
                window == null ? null : window.prefixHitRate(), window == null ? null : window.preemptions(), shares,
                classes, ttftValues, reportDirectory, wallSeconds);
    }

    /** The largest share any engine received; 0 when nothing was measured. */
    double maxEngineShare() {
        return engineShares.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static Distribution distribution(List<RequestResult> results, Function<RequestResult, Double> metric) {
        return Distribution.of(results.stream().map(metric).filter(Objects::nonNull).toList());
    }

    private static Double mean(List<RequestResult> results, Function<RequestResult, Double> metric) {
        Distribution distribution = distribution(results, metric);
        return distribution == null ? null : distribution.mean();
    }
}
