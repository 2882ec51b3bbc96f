package io.aibrix.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.aibrix.benchmark.client.Api;
import io.aibrix.benchmark.client.Target;
import io.aibrix.benchmark.client.TargetPolicy;
import io.aibrix.benchmark.report.Slo;
import io.aibrix.benchmark.workload.RunLimits;
import io.aibrix.benchmark.workload.Workload;

/**
 * A fully validated run configuration. Nullable: {@code model} (look it up), {@code apiKey},
 * {@code routingStrategy}, {@code maxConcurrency} (unlimited) and {@code outputDir} (timestamped default).
 */
record BenchmarkPlan(
        List<Target> targets,
        TargetPolicy targetPolicy,
        String model,
        Api api,
        String apiKey,
        String routingStrategy,
        Duration requestTimeout,
        Integer maxConcurrency,
        Workload workload,
        RunLimits limits,
        double warmupSeconds,
        long seed,
        Slo slo,
        boolean scrapeEngineMetrics,
        boolean stepStats,
        List<Target> engines,
        Path outputDir,
        boolean progress) {

    BenchmarkPlan {
        targets = List.copyOf(targets);
        engines = List.copyOf(engines);
    }
}
