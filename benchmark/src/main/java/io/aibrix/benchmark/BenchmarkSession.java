package io.aibrix.benchmark;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.benchmark.client.EndpointSettings;
import io.aibrix.benchmark.client.ModelResolver;
import io.aibrix.benchmark.client.StreamingClient;
import io.aibrix.benchmark.client.Target;
import io.aibrix.benchmark.client.TargetSelector;
import io.aibrix.benchmark.report.ReportWriter;
import io.aibrix.benchmark.report.RunInfo;
import io.aibrix.benchmark.report.Summary;
import io.aibrix.benchmark.report.SummaryCalculator;
import io.aibrix.benchmark.report.SummaryTable;
import io.aibrix.benchmark.run.BenchmarkRunner;
import io.aibrix.benchmark.run.NanoClock;
import io.aibrix.benchmark.run.ProgressBar;
import io.aibrix.benchmark.run.RunProgress;
import io.aibrix.benchmark.run.RunResult;
import io.aibrix.benchmark.server.EngineMetricsScraper;
import io.aibrix.benchmark.server.MetricsSnapshot;
import io.aibrix.benchmark.server.ServerDeltas;
import io.aibrix.benchmark.server.StepStatsClient;
import io.aibrix.benchmark.server.StepStatsReport;
import io.aibrix.benchmark.workload.OpenLoopWorkload;

/**
 * One benchmark run from a validated plan: resolve the model, snapshot the engines, run the load, snapshot again,
 * then write the reports and print the summary.
 */
final class BenchmarkSession {

    private static final DateTimeFormatter DIRECTORY_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SIDE_CALL_TIMEOUT = Duration.ofSeconds(10);

    private final BenchmarkPlan plan;
    private final Clock clock;
    private final NanoClock nanoClock;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ObjectMapper json = new ObjectMapper();

    BenchmarkSession(BenchmarkPlan plan, Clock clock, NanoClock nanoClock, PrintWriter out, PrintWriter err) {
        this.plan = plan;
        this.clock = clock;
        this.nanoClock = nanoClock;
        this.out = out;
        this.err = err;
    }

    int run() throws IOException {
        ZonedDateTime started = ZonedDateTime.now(clock);
        Path directory = plan.outputDir() != null ? plan.outputDir()
                : Path.of("benchmark-results", DIRECTORY_NAME.format(started));
        try (ExecutorService httpThreads = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(CONNECT_TIMEOUT)
                        .executor(httpThreads)
                        .build()) {
            String model = plan.model() != null ? plan.model()
                    : new ModelResolver(http, json, SIDE_CALL_TIMEOUT).firstModel(plan.targets().getFirst(),
                            plan.apiKey());
            Files.createDirectories(directory);
            EngineMetricsScraper scraper = new EngineMetricsScraper(http, SIDE_CALL_TIMEOUT);
            StepStatsClient steps = new StepStatsClient(http, json, SIDE_CALL_TIMEOUT);
            if (plan.stepStats()) {
                warn("step-stats reset", steps.reset(plan.engines()));
            }
            MetricsSnapshot before = plan.scrapeEngineMetrics() ? scraper.scrape(plan.engines()) : null;

            RunResult result = load(http, model);

            ServerDeltas server = null;
            if (before != null) {
                server = EngineMetricsScraper.deltas(plan.engines(), before, scraper.scrape(plan.engines()));
            }
            StepStatsReport stepStats = plan.stepStats() ? steps.fetch(plan.engines()) : null;
            Summary summary = SummaryCalculator.summarize(runInfo(started, model), result, plan.slo(), server,
                    stepStats);
            new ReportWriter(json).write(directory, summary, result.requests());
            out.print(SummaryTable.render(summary));
            out.println("Results in " + directory);
            out.flush();
        }
        return 0;
    }

    private RunResult load(HttpClient http, String model) {
        EndpointSettings settings = new EndpointSettings(plan.api(), model, plan.apiKey(), plan.routingStrategy(),
                plan.requestTimeout());
        TargetSelector targets = new TargetSelector(plan.targets(), plan.targetPolicy(), plan.seed());
        StreamingClient client = new StreamingClient(http, settings, targets, nanoClock, json);
        RunProgress progress = new RunProgress(expectedRequests(), expectedSeconds());
        BenchmarkRunner runner = new BenchmarkRunner(client, nanoClock,
                plan.maxConcurrency() == null ? 0 : plan.maxConcurrency(), progress);
        if (!plan.progress()) {
            return runner.run(plan.workload(), plan.limits());
        }
        ProgressBar bar = ProgressBar.start(progress, nanoClock, err);
        try {
            return runner.run(plan.workload(), plan.limits());
        }
        finally {
            bar.close();
        }
    }

    private long expectedRequests() {
        if (plan.limits().numRequests() != null) {
            return plan.limits().numRequests();
        }
        if (plan.limits().durationSeconds() == null && plan.workload() instanceof OpenLoopWorkload open) {
            return open.size().orElse(0);
        }
        return 0;
    }

    private double expectedSeconds() {
        return plan.limits().durationSeconds() == null ? 0 : plan.limits().durationSeconds();
    }

    private RunInfo runInfo(ZonedDateTime started, String model) {
        return new RunInfo(started.toOffsetDateTime().toString(), model, plan.api().label(),
                plan.targets().stream().map(Target::baseUri).map(Object::toString).toList(),
                plan.targetPolicy().label(), plan.routingStrategy(), plan.workload().name(),
                plan.workload().parameters(), plan.seed(), plan.limits().durationSeconds(),
                plan.limits().numRequests(), plan.warmupSeconds(), plan.maxConcurrency());
    }

    private void warn(String what, Map<String, String> failures) {
        failures.forEach((engine, reason) -> err.println("warning: " + what + " failed on " + engine + ": "
                + reason));
        err.flush();
    }
}
