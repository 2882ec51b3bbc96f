package io.aibrix.benchmark;

import java.io.UncheckedIOException;

import io.aibrix.benchmark.workload.GroupSampler;
import io.aibrix.benchmark.workload.MultiTurnWorkload;
import io.aibrix.benchmark.workload.PoissonWorkload;
import io.aibrix.benchmark.workload.RandomStreams;
import io.aibrix.benchmark.workload.RequestMix;
import io.aibrix.benchmark.workload.SharedPrefixWorkload;
import io.aibrix.benchmark.workload.TraceFormatException;
import io.aibrix.benchmark.workload.TraceReader;
import io.aibrix.benchmark.workload.TraceWorkload;
import io.aibrix.benchmark.workload.Workload;

/** Builds the selected workload from validated option values; all randomness derives from {@code --seed}. */
final class WorkloadFactory {

    private final Validation check;

    WorkloadFactory(Validation check) {
        this.check = check;
    }

    Workload create(LoadOptions load, SharedPrefixOptions sharedPrefix, MultiTurnOptions multiTurn,
            TraceOptions trace) {
        RandomStreams streams = new RandomStreams(load.seed);
        return switch (load.workload) {
            case POISSON -> poisson(load, streams);
            case SHARED_PREFIX -> sharedPrefix(load, sharedPrefix, streams);
            case MULTI_TURN -> multiTurn(load, multiTurn, streams);
            case TRACE -> trace(trace, streams);
        };
    }

    private Workload poisson(LoadOptions load, RandomStreams streams) {
        check.positive("--qps", load.qps);
        if (load.requestMix == null) {
            check.atLeast("--input-tokens", load.inputTokens, 1);
            check.atLeast("--output-tokens", load.outputTokens, 1);
            return new PoissonWorkload(load.qps, RequestMix.single(load.inputTokens, load.outputTokens), streams);
        }
        if (check.given("--input-tokens") || check.given("--output-tokens")) {
            throw check.invalid("--request-mix sets input and output tokens per class; drop --input-tokens and "
                    + "--output-tokens");
        }
        try {
            return new PoissonWorkload(load.qps, RequestMix.parse(load.requestMix), streams);
        }
        catch (IllegalArgumentException ex) {
            throw check.invalid("Invalid value for option '--request-mix': " + ex.getMessage());
        }
    }

    private Workload sharedPrefix(LoadOptions load, SharedPrefixOptions options, RandomStreams streams) {
        check.positive("--qps", load.qps);
        check.atLeast("--groups", options.groups, 1);
        check.atLeast("--prefix-tokens", options.prefixTokens, 1);
        check.atLeast("--suffix-tokens", options.suffixTokens, 0);
        check.atLeast("--output-tokens", load.outputTokens, 1);
        GroupSampler groups = switch (options.groupDistribution) {
            case UNIFORM -> {
                if (check.given("--zipf-alpha")) {
                    throw check.invalid("--zipf-alpha needs --group-distribution zipf");
                }
                yield GroupSampler.uniform(options.groups);
            }
            case ZIPF -> {
                check.positive("--zipf-alpha", options.zipfAlpha);
                yield GroupSampler.zipf(options.groups, options.zipfAlpha);
            }
        };
        return new SharedPrefixWorkload(load.qps, groups, options.prefixTokens, options.suffixTokens,
                load.outputTokens, streams);
    }

    private Workload multiTurn(LoadOptions load, MultiTurnOptions options, RandomStreams streams) {
        check.positive("--session-rate", options.sessionRate);
        check.atLeast("--system-prompts", options.systemPrompts, 1);
        check.atLeast("--system-prompt-tokens", options.systemPromptTokens, 0);
        check.atLeast("--turns", options.turns, 1);
        check.atLeast("--user-tokens", options.userTokens, 1);
        check.atLeast("--output-tokens", load.outputTokens, 1);
        check.nonNegative("--think-time", options.thinkTimeSeconds);
        return new MultiTurnWorkload(options.sessionRate, options.systemPrompts, options.systemPromptTokens,
                options.turns, options.userTokens, load.outputTokens, options.thinkTimeSeconds, streams);
    }

    private Workload trace(TraceOptions options, RandomStreams streams) {
        if (options.trace == null) {
            throw check.invalid("--workload trace needs --trace FILE");
        }
        check.positive("--trace-speedup", options.traceSpeedup);
        try {
            return new TraceWorkload(TraceReader.read(options.trace), options.traceSpeedup,
                    options.trace.getFileName().toString(), streams);
        }
        catch (TraceFormatException ex) {
            throw check.invalid("Invalid value for option '--trace': " + ex.getMessage());
        }
        catch (UncheckedIOException ex) {
            throw check.invalid("Invalid value for option '--trace': " + ex.getMessage() + " ("
                    + ex.getCause().getMessage() + ")");
        }
    }
}
