package io.aibrix.benchmark.autoscaling;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmark autoscaling}: the bursty trace through the gateway, first against the autoscaled fleet, then
 * against the static peak-sized fleet, each on its own fresh services. Exit code 0 when both checks pass, 3 when the
 * run completed but a check failed, 1 when it could not be carried out.
 */
@Command(name = "autoscaling", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Replays a 20-minute bursty trace (time-scaled) through the gateway against a fleet scaled by "
                + "autoscaler-service and against a static fleet sized for the peak, and writes the comparison "
                + "(TTFT within the SLO, engine-seconds, a chart) as markdown.%n")
public final class AutoscalingCommand implements Callable<Integer> {

    @Option(names = "--services-dir", defaultValue = "local-suite/target/suite", paramLabel = "DIR",
            description = "The suite's executable jars. Default: ${DEFAULT-VALUE}.")
    Path servicesDir;

    @Option(names = "--time-scale", defaultValue = "6", description = "Replay speed-up. Default: ${DEFAULT-VALUE}.")
    double timeScale;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the arrivals. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--slo", defaultValue = "2", paramLabel = "SECONDS",
            description = "TTFT SLO. Default: ${DEFAULT-VALUE}.")
    double sloSeconds;

    @Option(names = "--static-engines", defaultValue = "6",
            description = "Engines of the static fleet, sized for the peak. Default: ${DEFAULT-VALUE}.")
    int staticEngines;

    @Option(names = "--max-engines", defaultValue = "6",
            description = "maxReplicas of the autoscaled fleet. Default: ${DEFAULT-VALUE}.")
    int maxEngines;

    @Option(names = "--startup-delay", defaultValue = "5", paramLabel = "SECONDS",
            description = "A new engine's cold start, in replay time. Default: ${DEFAULT-VALUE}.")
    long startupDelaySeconds;

    @Option(names = "--engine-arg", paramLabel = "ARG",
            defaultValue = "--simulator.max-num-seqs=2", split = ",",
            description = "Arguments of every engine (its capacity). Default: ${DEFAULT-VALUE}.")
    List<String> engineArgs = new ArrayList<>();

    @Option(names = "--prompt-words", defaultValue = "150", description = "Default: ${DEFAULT-VALUE}.")
    int promptWords;

    @Option(names = "--output-tokens", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
    int outputTokens;

    @Option(names = "--running-target", defaultValue = "1",
            description = "Running requests per engine the KPA aims at. Default: ${DEFAULT-VALUE}.")
    double runningTarget;

    @Option(names = "--waiting-target", defaultValue = "1",
            description = "Waiting requests per engine the KPA aims at. Default: ${DEFAULT-VALUE}.")
    double waitingTarget;

    @Option(names = "--stable-window", defaultValue = "12", paramLabel = "SECONDS",
            description = "KPA stable window (replay time). Default: ${DEFAULT-VALUE}.")
    int stableWindow;

    @Option(names = "--panic-window", defaultValue = "3", paramLabel = "SECONDS",
            description = "KPA panic window (replay time). Default: ${DEFAULT-VALUE}.")
    int panicWindow;

    @Option(names = "--cooldown", defaultValue = "10", paramLabel = "SECONDS",
            description = "Scale-down cooldown (replay time). Default: ${DEFAULT-VALUE}.")
    int cooldown;

    @Option(names = "--max-scale-up-rate", defaultValue = "1.5",
            description = "The autoscaler's max-scale-up-rate. Default: ${DEFAULT-VALUE}.")
    double scaleUpRate;

    @Option(names = "--output", defaultValue = "docs/benchmarks/autoscaling.md",
            description = "The markdown written; the chart goes beside it. Default: ${DEFAULT-VALUE}.")
    Path output;

    @Option(names = "--work-dir", description = "Logs and data. Default: benchmark-results/autoscaling-<time>.")
    Path workDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream out = System.out;
        LocalDateTime started = LocalDateTime.now();
        Path dir = workDir != null ? workDir : Path.of("benchmark-results",
                "autoscaling-" + started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        AutoscalingPlan plan = new AutoscalingPlan(servicesDir.toAbsolutePath(), timeScale, seed, sloSeconds,
                staticEngines, maxEngines, Duration.ofSeconds(startupDelaySeconds), engineArgs, promptWords,
                outputTokens, runningTarget, waitingTarget, stableWindow, panicWindow, cooldown, scaleUpRate,
                dir.toAbsolutePath());
        List<Double> arrivals = BurstyTrace.arrivals(timeScale, new SplittableRandom(seed));
        out.printf("autoscaling: %d requests over %.0f s per fleet; logs in %s%n", arrivals.size(),
                BurstyTrace.TRACE_SECONDS / timeScale, dir);
        long t0 = System.nanoTime();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        PhaseResult autoscaled = new PhaseRunner(plan, http, out).run("autoscaled", plan.autoscaledSpec(), 1,
                arrivals);
        PhaseResult fixed = new PhaseRunner(plan, http, out).run("static", plan.staticSpec(), staticEngines,
                arrivals);
        double minutes = (System.nanoTime() - t0) / 60e9;
        String chart = output.getFileName().toString().replaceFirst("\\.md$", "") + ".svg";
        Path chartPath = output.toAbsolutePath().resolveSibling(chart);
        Files.createDirectories(chartPath.getParent());
        Files.writeString(chartPath, AutoscalingChart.svg(autoscaled, fixed, sloSeconds));
        String command = "java -jar benchmark/target/benchmark-*-exec.jar autoscaling";
        Files.writeString(output, AutoscalingMarkdown.render(plan, command, autoscaled, fixed, chart,
                started.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16), minutes));
        boolean passed = AutoscalingMarkdown.sloMet(autoscaled, sloSeconds)
                && AutoscalingMarkdown.costMet(autoscaled, fixed);
        out.printf("autoscaled: %.1f %% within %.1f s, %.0f engine-seconds; static: %.1f %%, %.0f engine-seconds;"
                + " %s; wrote %s%n", autoscaled.withinSlo(sloSeconds) * 100, sloSeconds, autoscaled.engineSeconds(),
                fixed.withinSlo(sloSeconds) * 100, fixed.engineSeconds(), passed ? "checks passed" : "a check failed",
                output);
        return passed ? 0 : 3;
    }
}
