package io.aibrix.benchmark.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.aibrix.benchmark.run.RequestResult;
import io.aibrix.benchmark.run.RunResult;
import io.aibrix.benchmark.server.ServerDeltas;
import io.aibrix.benchmark.server.StepStatsReport;

/** Computes the {@link Summary} of a run. */
public final class SummaryCalculator {

    static final String UNKNOWN_POD = "(none)";
    private static final int MAX_ERROR_KINDS = 20;

    private SummaryCalculator() {
    }

    public static boolean isWarmup(RequestResult result, double warmupSeconds) {
        return result.intendedSendSeconds() < warmupSeconds;
    }

    public static Summary summarize(RunInfo run, RunResult result, Slo slo, ServerDeltas server,
            StepStatsReport stepStats) {
        double warmup = run.warmupSeconds();
        List<RequestResult> all = result.requests();
        List<RequestResult> measured = all.stream().filter(r -> !isWarmup(r, warmup)).toList();
        List<RequestResult> succeeded = measured.stream().filter(RequestResult::succeeded).toList();

        double end = measured.stream().mapToDouble(RequestResult::endSeconds).max().orElse(warmup);
        Summary.Window window = new Summary.Window(warmup, end, Math.max(0, end - warmup), result.elapsedSeconds());
        Summary.Counts counts = new Summary.Counts(all.size(), all.size() - measured.size(), measured.size(),
                succeeded.size(), measured.size() - succeeded.size());

        List<Double> itl = new ArrayList<>();
        succeeded.forEach(r -> itl.addAll(r.interTokenSeconds()));
        Summary.Latencies latencies = new Summary.Latencies(
                distribution(succeeded, RequestResult::ttftSeconds), distribution(succeeded, RequestResult::tpotSeconds),
                Distribution.of(itl), distribution(succeeded, RequestResult::e2eSeconds));

        long prompt = succeeded.stream().mapToLong(RequestResult::promptTokens).sum();
        long completion = succeeded.stream().mapToLong(RequestResult::completionTokens).sum();
        long cached = succeeded.stream().mapToLong(RequestResult::cachedTokens).sum();
        Summary.Tokens tokens = new Summary.Tokens(prompt, completion, cached,
                prompt > 0 ? (double) cached / prompt : null);

        Long good = slo.isEmpty() ? null : succeeded.stream().filter(slo::meets).count();
        Summary.Throughput throughput = new Summary.Throughput(rate(succeeded.size(), window),
                rate(completion, window), rate(prompt + completion, window),
                good == null ? null : rate(good, window), good);

        Double ttftAll = mean(all.stream().filter(RequestResult::succeeded).map(RequestResult::ttftSeconds).toList());
        Double serverTtft = server == null ? null : server.cluster().ttftMeanSeconds();
        Summary.ClientOverhead client = new Summary.ClientOverhead(
                Distribution.of(all.stream().map(RequestResult::dispatchLagSeconds).toList()), ttftAll,
                ttftAll != null && serverTtft != null ? ttftAll - serverTtft : null);

        return new Summary(run, window, counts, latencies, throughput, slo, tokens, pods(measured), client,
                errors(all), server, stepStats);
    }

    private static Distribution distribution(List<RequestResult> results, Function<RequestResult, Double> metric) {
        return Distribution.of(results.stream().map(metric).filter(Objects::nonNull).toList());
    }

    private static Double rate(long count, Summary.Window window) {
        return window.durationSeconds() > 0 ? count / window.durationSeconds() : null;
    }

    private static Double mean(List<Double> values) {
        List<Double> present = values.stream().filter(Objects::nonNull).toList();
        return present.isEmpty() ? null : present.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static Map<String, Summary.PodShare> pods(List<RequestResult> measured) {
        Map<String, List<RequestResult>> byPod = measured.stream().collect(Collectors.groupingBy(
                r -> r.targetPod() == null ? UNKNOWN_POD : r.targetPod(), TreeMap::new, Collectors.toList()));
        Map<String, Summary.PodShare> pods = new LinkedHashMap<>();
        byPod.forEach((pod, results) -> pods.put(pod, new Summary.PodShare(results.size(),
                results.stream().filter(r -> !r.succeeded()).count(), (double) results.size() / measured.size())));
        return pods;
    }

    /** The most frequent error messages over all requests, most frequent first. */
    private static Map<String, Long> errors(List<RequestResult> all) {
        Map<String, Long> counts = all.stream().filter(r -> !r.succeeded())
                .collect(Collectors.groupingBy(RequestResult::error, Collectors.counting()));
        Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_ERROR_KINDS)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }
}
