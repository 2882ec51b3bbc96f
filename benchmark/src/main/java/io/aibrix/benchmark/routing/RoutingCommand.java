package io.aibrix.benchmark.routing;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.aibrix.benchmark.run.NanoClock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code benchmark routing}: the routing benchmark of issue 4 in one command. Runs every scenario with every
 * strategy and seed on fresh in-process clusters, then writes the Markdown report with the acceptance checks and the
 * charts page. Exit codes: 0 no check failed, 3 some check failed, 1 the benchmark could not run, 2 bad options.
 *
 * <p>Engines, gateways and client share this JVM rather than running as child JVMs: a Spring context starts in about a
 * second once the JIT is warm, against several seconds of JVM start-up and a cold JIT for every one of some sixty runs;
 * and two extra JVMs would add their own JIT and GC threads to the two cores the engines' step timing depends on.
 */
@Command(name = "routing", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        usageHelpWidth = 110,
        description = "Runs routing scenarios A-E against fresh simulated engines behind the gateway, one strategy "
                + "per run, and writes the report with the issue's acceptance checks and HTML charts.%n")
public final class RoutingCommand implements Callable<Integer> {

    static final int CHECK_FAILED = 3;
    private static final DateTimeFormatter DIRECTORY_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Spec
    CommandSpec spec;

    @Option(names = "--scenarios", paramLabel = "LIST", split = ",", defaultValue = "A,B,C,D,E",
            description = "Scenarios to run, from A (shared prefix), B (multi-turn), C (hot-prefix skew), D (no "
                    + "sharing, mixed sizes), E (user-class fairness). Default: ${DEFAULT-VALUE}.")
    List<String> scenarios;

    @Option(names = "--strategies", paramLabel = "LIST", split = ",",
            description = "Strategies for every scenario, sent as the routing-strategy header. Default: A-D random, "
                    + "least-request, least-kv-cache, prefix-cache, prefix-cache-preble, kv-aware; E random, "
                    + "least-request, vtc-basic.")
    List<String> strategies = new ArrayList<>();

    @Option(names = "--strategy", paramLabel = "SPEC",
            description = "One more strategy, taken whole, e.g. a weighted combination 'prefix-cache:2,least-request'"
                    + "; repeatable.")
    List<String> strategySpecs = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "LIST", split = ",", defaultValue = "1,2",
            description = "Seeds; every scenario and strategy runs once per seed. Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "60s", converter = SecondsConverter.class,
            description = "Load per run, e.g. 150s or 2.5m (engine-model §5.3: 150s). Default: ${DEFAULT-VALUE}.")
    double durationSeconds;

    @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "15s", converter = SecondsConverter.class,
            description = "Requests scheduled in the first TIME of a run are excluded (§5.3: 30s). Default: "
                    + "${DEFAULT-VALUE}.")
    double warmupSeconds;

    @Option(names = "--gateways", paramLabel = "N", defaultValue = "1",
            description = "Gateway replicas per run; the client sends requests to them round-robin. Default: "
                    + "${DEFAULT-VALUE}.")
    int gateways;

    @Option(names = "--replica-check", paramLabel = "LIST", split = ",", defaultValue = "prefix-cache",
            description = "Strategies run again on scenario A with --replica-gateways gateways for the replica "
                    + "check; 'none' to skip. Default: ${DEFAULT-VALUE}.")
    List<String> replicaStrategies;

    @Option(names = "--replica-gateways", paramLabel = "N", defaultValue = "2",
            description = "Gateways in the replica runs. Default: ${DEFAULT-VALUE}.")
    int replicaGateways;

    @Option(names = "--load-scale", paramLabel = "FACTOR", defaultValue = "1",
            description = "Multiplies every scenario's arrival rate. Default: ${DEFAULT-VALUE}.")
    double loadScale;

    @Option(names = "--jit-warmup", paramLabel = "TIME", defaultValue = "10s", converter = SecondsConverter.class,
            description = "Throwaway load before the first run, so it does not pay for a cold JIT; 0 to skip. "
                    + "Default: ${DEFAULT-VALUE}.")
    double jitWarmupSeconds;

    @Option(names = "--engines", paramLabel = "N", defaultValue = "4",
            description = "Simulated engines per run. Default: ${DEFAULT-VALUE}.")
    int engines;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "llama3-8b-a100",
            description = "The engines' step-time profile. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--num-gpu-blocks", paramLabel = "N", defaultValue = "4000",
            description = "KV blocks per engine (16 tokens each). Default: ${DEFAULT-VALUE}.")
    int numGpuBlocks;

    @Option(names = "--engine-property", paramLabel = "KEY=VALUE",
            description = "Extra Spring property for every engine, e.g. simulator.jitter=0.05; repeatable.")
    Map<String, String> engineProperties = new LinkedHashMap<>();

    @Option(names = "--gateway-property", paramLabel = "KEY=VALUE",
            description = "Extra Spring property for every gateway, e.g. a tokenizer mode or a Redis address; "
                    + "repeatable.")
    Map<String, String> gatewayProperties = new LinkedHashMap<>();

    @Option(names = "--no-replica-redis",
            description = "Runs with several gateways get no Redis, so the replicas share no routing state. "
                    + "Default: each such run gets a fresh Redis as gateway.replicas.redis-url.")
    boolean noReplicaRedis;

    @Option(names = "--request-timeout", paramLabel = "TIME", defaultValue = "300s",
            converter = SecondsConverter.class,
            description = "A request taking longer counts as failed. Default: ${DEFAULT-VALUE}.")
    double requestTimeoutSeconds;

    @Option(names = "--results-dir", paramLabel = "DIR",
            description = "Where each run's summary.json and report.html go. Default: "
                    + "benchmark-results/routing-<yyyyMMdd-HHmmss>.")
    Path resultsDirectory;

    @Option(names = "--raw", description = "Also write each run's requests.jsonl and requests.csv.")
    boolean raw;

    @Option(names = "--markdown", paramLabel = "FILE", defaultValue = "docs/benchmarks/routing.md",
            description = "The report. Default: ${DEFAULT-VALUE}.")
    Path markdown;

    @Option(names = "--charts-dir", paramLabel = "DIR", defaultValue = "docs/benchmarks/routing-charts",
            description = "Where the charts page index.html goes. Default: ${DEFAULT-VALUE}.")
    Path chartsDirectory;

    @Option(names = "--no-progress", description = "Do not draw the progress line on stderr.")
    boolean noProgress;

    private final Clock clock;
    private final NanoClock nanoClock;

    public RoutingCommand() {
        this(Clock.systemDefaultZone(), NanoClock.system());
    }

    RoutingCommand(Clock clock, NanoClock nanoClock) {
        this.clock = clock;
        this.nanoClock = nanoClock;
    }

    @Override
    public Integer call() throws IOException {
        OffsetDateTime started = OffsetDateTime.now(clock);
        RoutingPlan plan = plan(started);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d runs of %s s (+ cluster start and drain each); results in %s%n",
                plan.runs().size(), Formats.number(plan.durationSeconds()), plan.resultsDirectory());
        out.flush();
        double loadBefore = MachineInfo.loadAverage();
        long start = nanoClock.nanoTime();
        RoutingResults results = new RoutingBenchmark(plan, clock, nanoClock,
                noProgress ? null : spec.commandLine().getErr(), line -> {
                    out.println(line);
                    out.flush();
                }).run();
        Duration wallTime = Duration.ofNanos(nanoClock.nanoTime() - start);
        List<CheckResult> checks = AcceptanceChecks.evaluate(results, plan);

        Files.createDirectories(chartsDirectory);
        Path chartsPage = chartsDirectory.resolve("index.html");
        Files.writeString(chartsPage, RoutingChartsPage.render(plan, results, chartsDirectory),
                StandardCharsets.UTF_8);
        Path markdownDirectory = markdown.toAbsolutePath().normalize().getParent();
        Files.createDirectories(markdownDirectory);
        String chartsLink = markdownDirectory.relativize(chartsPage.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
        Files.writeString(markdown, RoutingMarkdown.render(plan, results, checks, MachineInfo.current(),
                commandLine(), started, wallTime, chartsLink, loadBefore, MachineInfo.loadAverage()),
                StandardCharsets.UTF_8);

        for (CheckResult check : checks) {
            out.printf(Locale.ROOT, "%-8s %s %s: %s%n", check.status().label(), check.scenario(), check.check(),
                    check.measured());
        }
        out.println("Report: " + markdown + "; charts: " + chartsPage);
        out.flush();
        return checks.stream().anyMatch(c -> c.status() == CheckResult.Status.FAIL) ? CHECK_FAILED : 0;
    }

    RoutingPlan plan(OffsetDateTime started) {
        List<Scenario> selected = new ArrayList<>();
        for (String name : scenarios) {
            try {
                Scenario scenario = Scenario.parse(name);
                if (!selected.contains(scenario)) {
                    selected.add(scenario);
                }
            }
            catch (IllegalArgumentException ex) {
                throw invalid("--scenarios", ex.getMessage());
            }
        }
        List<String> chosen = new ArrayList<>(strategies.stream().map(String::strip).filter(s -> !s.isEmpty())
                .toList());
        chosen.addAll(strategySpecs.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
        List<String> replicas = replicaStrategies.stream().map(String::strip)
                .filter(s -> !s.isEmpty() && !s.equals("none")).toList();
        requireAtLeast("--gateways", gateways, 1);
        requireAtLeast("--replica-gateways", replicaGateways, 1);
        requireAtLeast("--engines", engines, 1);
        requireAtLeast("--num-gpu-blocks", numGpuBlocks, 1);
        if (seeds.isEmpty()) {
            throw invalid("--seeds", "give at least one seed");
        }
        if (!(durationSeconds > 0) || !(warmupSeconds >= 0) || warmupSeconds >= durationSeconds) {
            throw invalid("--warmup", "must be at least 0 and shorter than --duration");
        }
        if (!(loadScale > 0) || Double.isInfinite(loadScale)) {
            throw invalid("--load-scale", "must be a positive number");
        }
        if (!(requestTimeoutSeconds > 0)) {
            throw invalid("--request-timeout", "must be positive");
        }
        ClusterSettings cluster = new ClusterSettings(engines, profile, numGpuBlocks, engineProperties,
                gatewayProperties, !noReplicaRedis, ClusterSettings.defaults().startupTimeout());
        Path results = resultsDirectory != null ? resultsDirectory
                : Path.of("benchmark-results", "routing-" + DIRECTORY_NAME.format(started));
        return new RoutingPlan(selected, chosen.isEmpty() ? null : chosen, seeds, durationSeconds, warmupSeconds,
                gateways, replicas, replicaGateways, loadScale, jitWarmupSeconds,
                Duration.ofMillis(Math.round(requestTimeoutSeconds * 1e3)), cluster, results, raw);
    }

    /** The command as typed, for the report; the jar is named by pattern so the line survives version bumps. */
    private String commandLine() {
        List<String> words = new ArrayList<>(List.of("java", "-jar", "benchmark/target/benchmark-*-exec.jar"));
        List<String> typed = spec.commandLine().getParseResult().originalArgs();
        // The parse result holds the whole command line; keep this subcommand's name and what follows it.
        int self = typed.indexOf(spec.name());
        words.addAll(self < 0 ? typed : typed.subList(self, typed.size()));
        if (self < 0) {
            words.add(3, spec.name());
        }
        return String.join(" ", words.stream().map(RoutingCommand::quoted).toList());
    }

    private static String quoted(String word) {
        return word.matches("[A-Za-z0-9_./:=,*@%+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private void requireAtLeast(String option, int value, int minimum) {
        if (value < minimum) {
            throw invalid(option, "must be at least " + minimum + " but was " + value);
        }
    }

    private ParameterException invalid(String option, String message) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + message);
    }

    /** Seconds from {@code 90}, {@code 90s}, {@code 1.5m} or {@code 500ms}. */
    static final class SecondsConverter implements CommandLine.ITypeConverter<Double> {

        @Override
        public Double convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            double factor = 1;
            if (text.endsWith("ms")) {
                factor = 1e-3;
                text = text.substring(0, text.length() - 2);
            }
            else if (text.endsWith("s")) {
                text = text.substring(0, text.length() - 1);
            }
            else if (text.endsWith("m")) {
                factor = 60;
                text = text.substring(0, text.length() - 1);
            }
            try {
                double seconds = Double.parseDouble(text) * factor;
                if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                    throw new NumberFormatException();
                }
                return seconds;
            }
            catch (NumberFormatException ex) {
                throw new CommandLine.TypeConversionException("expected a duration such as 90, 90s, 1.5m or 500ms "
                        + "but was '" + value + "'");
            }
        }
    }
}
