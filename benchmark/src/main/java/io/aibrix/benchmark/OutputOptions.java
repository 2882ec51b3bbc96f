package io.aibrix.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** Goodput objectives, engine-side observations and where results go. */
final class OutputOptions {

    @Option(names = "--slo-ttft", paramLabel = "SECONDS",
            description = "Goodput objective on time to first token. Default: none.")
    Double sloTtftSeconds;

    @Option(names = "--slo-tpot", paramLabel = "SECONDS",
            description = "Goodput objective on time per output token. Default: none.")
    Double sloTpotSeconds;

    @Option(names = "--slo-e2e", paramLabel = "SECONDS",
            description = "Goodput objective on end-to-end latency. Default: none.")
    Double sloE2eSeconds;

    @Option(names = "--scrape-engine-metrics",
            description = "Read GET /metrics of every engine before and after the run and report server-side "
                    + "deltas: mean TTFT and E2E, prefix hit rate, preemptions, and client minus server TTFT.")
    boolean scrapeEngineMetrics;

    @Option(names = "--step-stats",
            description = "Reset the simulator's step statistics before the run and report them after, from every "
                    + "engine (POST /admin/step-stats/reset, GET /admin/step-stats).")
    boolean stepStats;

    @Option(names = "--engine-url", paramLabel = "URL",
            description = "Engine to scrape for --scrape-engine-metrics/--step-stats when --target is a gateway; "
                    + "repeatable. Default: the targets.")
    List<String> engineUrls = new ArrayList<>();

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Where requests.jsonl, requests.csv, summary.json and report.html go. Default: "
                    + "benchmark-results/<yyyyMMdd-HHmmss>.")
    Path outputDir;

    @Option(names = "--no-progress", description = "Do not draw the progress line on stderr.")
    boolean noProgress;
}
