package io.aibrix.benchmark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.Callable;

import io.aibrix.benchmark.autoscaling.AutoscalingCommand;
import io.aibrix.benchmark.batch.BatchCommand;
import io.aibrix.benchmark.client.Api;
import io.aibrix.benchmark.client.EndpointException;
import io.aibrix.benchmark.client.TargetPolicy;
import io.aibrix.benchmark.kvcache.KvCacheCommand;
import io.aibrix.benchmark.overhead.OverheadCommand;
import io.aibrix.benchmark.routing.RoutingCommand;
import io.aibrix.benchmark.run.NanoClock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Load client for vLLM-compatible engines and the gateway in front of them, in the spirit of vLLM's
 * {@code benchmark_serving}. Exit codes: 0 run completed (failed requests are results, not errors), 1 the run could
 * not be carried out (target unreachable, results not writable), 2 bad options.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        usageHelpWidth = 110, versionProvider = BenchmarkCommand.Version.class,
        subcommands = {RoutingCommand.class, OverheadCommand.class, BatchCommand.class, KvCacheCommand.class,
                AutoscalingCommand.class},
        description = "Streams OpenAI-compatible completions at a gateway or at engines and reports TTFT, TPOT, ITL, "
                + "E2E, throughput, goodput and per-pod shares (requests.jsonl, requests.csv, summary.json, "
                + "report.html). The routing subcommand runs the routing benchmark on in-process engines and "
                + "gateways; the batch subcommand benchmarks batch-service against a direct client.%n")
public final class BenchmarkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    LoadOptions load;

    @Mixin
    SharedPrefixOptions sharedPrefix;

    @Mixin
    MultiTurnOptions multiTurn;

    @Mixin
    TraceOptions trace;

    @Mixin
    OutputOptions output;

    private final Clock clock;
    private final NanoClock nanoClock;

    public BenchmarkCommand() {
        this(Clock.systemDefaultZone(), NanoClock.system());
    }

    BenchmarkCommand(Clock clock, NanoClock nanoClock) {
        this.clock = clock;
        this.nanoClock = nanoClock;
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The command with its converters and error handling, ready to {@code execute}. */
    static CommandLine newCommandLine() {
        return configure(new CommandLine(new BenchmarkCommand()));
    }

    static CommandLine configure(CommandLine commandLine) {
        commandLine.registerConverter(Api.class, new Choice<>(Api.class, Api::label));
        commandLine.registerConverter(TargetPolicy.class, new Choice<>(TargetPolicy.class, TargetPolicy::label));
        commandLine.registerConverter(WorkloadKind.class, new Choice<>(WorkloadKind.class, WorkloadKind::label));
        commandLine.registerConverter(GroupDistribution.class,
                new Choice<>(GroupDistribution.class, GroupDistribution::label));
        commandLine.setParameterExceptionHandler(BenchmarkCommand::badOptions);
        commandLine.setExecutionExceptionHandler(BenchmarkCommand::runFailed);
        return commandLine;
    }

    @Override
    public Integer call() throws IOException {
        BenchmarkPlan plan = new PlanBuilder(spec.commandLine()).build(target, load, sharedPrefix, multiTurn, trace,
                output);
        return new BenchmarkSession(plan, clock, nanoClock, spec.commandLine().getOut(), spec.commandLine().getErr())
                .run();
    }

    private static int badOptions(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("error: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int runFailed(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        switch (ex) {
            case EndpointException endpoint -> err.println("error: " + endpoint.getMessage());
            case IOException io -> err.println("error: cannot write results: " + io);
            case UncheckedIOException io -> err.println("error: " + io.getMessage() + ": " + io.getCause());
            default -> {
                err.println("error: unexpected failure, please report it:");
                ex.printStackTrace(err);
            }
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnExecutionException();
    }

    /** The jar's Implementation-Version, or a placeholder when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = BenchmarkCommand.class.getPackage().getImplementationVersion();
            return new String[] {"aibrix benchmark " + (version == null ? "(development build)" : version)};
        }
    }
}
