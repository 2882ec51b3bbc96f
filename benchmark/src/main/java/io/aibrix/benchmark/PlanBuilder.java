package io.aibrix.benchmark;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.aibrix.benchmark.client.Target;
import io.aibrix.benchmark.report.Slo;
import io.aibrix.benchmark.workload.RunLimits;
import io.aibrix.benchmark.workload.Workload;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Validates the parsed options into a {@link BenchmarkPlan}. Every rejection is a {@link ParameterException} that
 * names the option and the offending value (picocli turns it into exit code 2). Workload-specific options given for
 * another workload are rejected rather than silently ignored.
 */
final class PlanBuilder {

    static final double DEFAULT_DURATION_SECONDS = 60;

    private static final Map<WorkloadKind, Set<String>> OWN_OPTIONS = Map.of(
            WorkloadKind.POISSON, Set.of("--qps", "--input-tokens", "--request-mix", "--output-tokens"),
            WorkloadKind.SHARED_PREFIX, Set.of("--qps", "--groups", "--prefix-tokens", "--suffix-tokens",
                    "--group-distribution", "--zipf-alpha", "--output-tokens"),
            WorkloadKind.MULTI_TURN, Set.of("--session-rate", "--system-prompts", "--system-prompt-tokens", "--turns",
                    "--user-tokens", "--think-time", "--output-tokens"),
            WorkloadKind.TRACE, Set.of("--trace", "--trace-speedup"));

    private final CommandLine commandLine;
    private final Validation check;

    PlanBuilder(CommandLine commandLine) {
        this.commandLine = commandLine;
        this.check = new Validation(commandLine);
    }

    BenchmarkPlan build(TargetOptions target, LoadOptions load, SharedPrefixOptions sharedPrefix,
            MultiTurnOptions multiTurn, TraceOptions trace, OutputOptions output) {
        rejectForeignOptions(load.workload);
        List<Target> targets = targets("--target", target.targets);
        check.positive("--request-timeout", target.requestTimeoutSeconds);
        if (target.maxConcurrency != null) {
            check.atLeast("--max-concurrency", target.maxConcurrency, 1);
        }
        RunLimits limits = limits(load);
        Workload workload = new WorkloadFactory(check).create(load, sharedPrefix, multiTurn, trace);
        Slo slo = new Slo(optionalPositive("--slo-ttft", output.sloTtftSeconds),
                optionalPositive("--slo-tpot", output.sloTpotSeconds),
                optionalPositive("--slo-e2e", output.sloE2eSeconds));
        List<Target> engines = output.engineUrls.isEmpty() ? targets : targets("--engine-url", output.engineUrls);
        if (output.outputDir != null && Files.exists(output.outputDir) && !Files.isDirectory(output.outputDir)) {
            throw check.invalid("--output-dir", output.outputDir, "must be a directory, not a file");
        }
        return new BenchmarkPlan(targets, target.targetPolicy, blankToNull(target.model), target.api,
                blankToNull(target.apiKey), blankToNull(target.routingStrategy),
                Duration.ofNanos(Math.round(target.requestTimeoutSeconds * 1e9)), target.maxConcurrency, workload,
                limits, load.warmupSeconds, load.seed, slo, output.scrapeEngineMetrics, output.stepStats, engines,
                output.outputDir, !output.noProgress);
    }

    private RunLimits limits(LoadOptions load) {
        if (load.durationSeconds != null) {
            check.positive("--duration", load.durationSeconds);
        }
        if (load.numRequests != null) {
            check.atLeast("--num-requests", load.numRequests, 1);
        }
        Double duration = load.durationSeconds;
        if (duration == null && load.numRequests == null && load.workload != WorkloadKind.TRACE) {
            duration = DEFAULT_DURATION_SECONDS;
        }
        check.nonNegative("--warmup", load.warmupSeconds);
        if (duration != null && load.warmupSeconds >= duration) {
            throw check.invalid("--warmup", load.warmupSeconds, "must be shorter than the duration (" + duration
                    + " s)");
        }
        return new RunLimits(duration, load.numRequests);
    }

    private void rejectForeignOptions(WorkloadKind workload) {
        Set<String> own = OWN_OPTIONS.get(workload);
        Set<String> workloadSpecific = OWN_OPTIONS.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        List<String> foreign = new ArrayList<>();
        for (CommandLine.Model.OptionSpec option : commandLine.getParseResult().matchedOptions()) {
            if (workloadSpecific.contains(option.longestName()) && !own.contains(option.longestName())) {
                foreign.add(option.longestName());
            }
        }
        if (!foreign.isEmpty()) {
            throw new ParameterException(commandLine, "Option(s) " + String.join(", ", foreign.stream().sorted()
                    .toList()) + " do not apply to --workload " + workload.label());
        }
    }

    private List<Target> targets(String option, List<String> urls) {
        List<Target> targets = new ArrayList<>();
        for (String url : urls) {
            try {
                targets.add(Target.parse(url));
            }
            catch (IllegalArgumentException ex) {
                throw new ParameterException(commandLine, "Invalid value for option '" + option + "': "
                        + ex.getMessage());
            }
        }
        return targets;
    }

    private Double optionalPositive(String option, Double value) {
        if (value != null) {
            check.positive(option, value);
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
