package io.aibrix.benchmark.routing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.benchmark.client.Api;
import io.aibrix.benchmark.client.EndpointSettings;
import io.aibrix.benchmark.client.StreamingClient;
import io.aibrix.benchmark.client.Target;
import io.aibrix.benchmark.client.TargetPolicy;
import io.aibrix.benchmark.client.TargetSelector;
import io.aibrix.benchmark.report.ReportWriter;
import io.aibrix.benchmark.report.RunInfo;
import io.aibrix.benchmark.report.Slo;
import io.aibrix.benchmark.report.Summary;
import io.aibrix.benchmark.report.SummaryCalculator;
import io.aibrix.benchmark.run.BenchmarkRunner;
import io.aibrix.benchmark.run.NanoClock;
import io.aibrix.benchmark.run.ProgressBar;
import io.aibrix.benchmark.run.RunProgress;
import io.aibrix.benchmark.run.RunResult;
import io.aibrix.benchmark.server.EngineMetricsScraper;
import io.aibrix.benchmark.server.MetricsSnapshot;
import io.aibrix.benchmark.server.ServerDeltas;
import io.aibrix.benchmark.workload.RunLimits;
import io.aibrix.benchmark.workload.Workload;

/**
 * Carries out one run: a fresh cluster, a probe that the gateway knows the strategy, the scenario's load through the
 * gateways (round-robin when there are several), engine counters at the start, the end of the warmup and the end,
 * then the run's own report and its {@link RunMeasurement}.
 */
final class RunExecutor {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(10);

    private final RoutingPlan plan;
    private final Clock clock;
    private final NanoClock nanoClock;
    private final PrintWriter progressOut;
    private final ObjectMapper json = new ObjectMapper();

    /** {@code progressOut} null: no progress line. */
    RunExecutor(RoutingPlan plan, Clock clock, NanoClock nanoClock, PrintWriter progressOut) {
        this.plan = plan;
        this.clock = clock;
        this.nanoClock = nanoClock;
        this.progressOut = progressOut;
    }

    /** What happened in one run. */
    sealed interface Outcome {

        record Measured(RunMeasurement measurement) implements Outcome {
        }

        /** The gateway does not offer the strategy (yet); nothing was measured. */
        record Unavailable(String reason) implements Outcome {
        }
    }

    Outcome execute(RunKey key) {
        return execute(key, key.scenario().workload(key.seed(), plan.loadScale()), plan.durationSeconds(),
                plan.warmupSeconds(), plan.resultsDirectory().resolve(key.directoryName()));
    }

    /** Throwaway load that only warms up the JIT; no report is written and the measurement is discarded. */
    void warmUpJit(double seconds) {
        RunKey key = new RunKey(Scenario.A, Scenario.Strategies.RANDOM, 0, 1);
        execute(key, Scenario.A.workload(0, plan.loadScale()), seconds, 0, null);
    }

    /** {@code directory} null: write no report. */
    private Outcome execute(RunKey key, Workload workload, double durationSeconds, double warmupSeconds,
            Path directory) {
        long started = nanoClock.nanoTime();
        OffsetDateTime startedAt = OffsetDateTime.now(clock);
        try (BenchmarkCluster cluster = BenchmarkCluster.start(plan.cluster(), key.seed(), key.gateways());
                ExecutorService httpThreads = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(CONNECT_TIMEOUT).executor(httpThreads).build()) {
            String unavailable = new StrategyProbe(http, json).unavailableReason(cluster.gateways().getFirst(),
                    BenchmarkCluster.MODEL, key.strategy());
            if (unavailable != null) {
                return new Outcome.Unavailable(unavailable);
            }
            List<Target> engines = cluster.engines();
            EngineMetricsScraper scraper = new EngineMetricsScraper(http, SCRAPE_TIMEOUT);
            MetricsSnapshot atStart = scraper.scrape(engines);
            long loadStart = nanoClock.nanoTime();
            WarmupScrape atWarmupEnd = WarmupScrape.schedule(scraper, engines, atStart, nanoClock, loadStart,
                    warmupSeconds);
            RunResult result = load(http, cluster.gateways(), key, workload, durationSeconds);
            MetricsSnapshot atEnd = scraper.scrape(engines);
            ServerDeltas window = EngineMetricsScraper.deltas(engines, atWarmupEnd.await(), atEnd);
            if (directory != null) {
                writeReport(directory, key, workload, durationSeconds, warmupSeconds, startedAt, result,
                        EngineMetricsScraper.deltas(engines, atStart, atEnd), cluster.gateways());
            }
            List<String> enginePods = engines.stream().map(Target::pod).toList();
            return new Outcome.Measured(RunMeasurement.of(key, result.requests(), warmupSeconds, enginePods,
                    window.cluster(), directory, (nanoClock.nanoTime() - started) / 1e9));
        }
    }

    private RunResult load(HttpClient http, List<Target> gateways, RunKey key, Workload workload,
            double durationSeconds) {
        EndpointSettings settings = new EndpointSettings(Api.CHAT, BenchmarkCluster.MODEL, null, key.strategy(),
                plan.requestTimeout());
        TargetSelector targets = new TargetSelector(gateways, TargetPolicy.ROUND_ROBIN, key.seed());
        StreamingClient client = new StreamingClient(http, settings, targets, nanoClock, json);
        RunProgress progress = new RunProgress(0, durationSeconds);
        BenchmarkRunner runner = new BenchmarkRunner(client, nanoClock, 0, progress);
        RunLimits limits = new RunLimits(durationSeconds, null);
        if (progressOut == null) {
            return runner.run(workload, limits);
        }
        ProgressBar bar = ProgressBar.start(progress, nanoClock, progressOut);
        try {
            return runner.run(workload, limits);
        }
        finally {
            bar.close();
        }
    }

    private void writeReport(Path directory, RunKey key, Workload workload, double durationSeconds,
            double warmupSeconds, OffsetDateTime startedAt, RunResult result, ServerDeltas wholeRun,
            List<Target> gateways) {
        RunInfo info = new RunInfo(startedAt.toString(), BenchmarkCluster.MODEL, Api.CHAT.label(),
                gateways.stream().map(t -> t.baseUri().toString()).toList(), TargetPolicy.ROUND_ROBIN.label(),
                key.strategy(), workload.name(), workload.parameters(), key.seed(), durationSeconds, null,
                warmupSeconds, null);
        Summary summary = SummaryCalculator.summarize(info, result, Slo.NONE, wholeRun, null);
        ReportWriter writer = new ReportWriter(json);
        try {
            if (plan.rawResults()) {
                writer.write(directory, summary, result.requests());
            }
            else {
                writer.writeSummaryAndReport(directory, summary, result.requests());
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write the report of " + key + " to " + directory, ex);
        }
    }
}
