package io.aibrix.benchmark.kvcache;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code benchmark kvcache}: TTFT mean and p99 against QPS for no prefix caching, prefix caching, + L1 and
 * + L1 + L2, on simulated engines in this JVM and the kvcache-coordinator's packaged jar in a child JVM. Writes the
 * results into the KV-cache report. Exit codes: 0 done, 1 the benchmark could not run, 2 bad options.
 */
@Command(name = "kvcache", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        usageHelpWidth = 110,
        description = "Compares TTFT vs QPS of engines without prefix caching, with prefix caching, with an L1 host"
                + " memory tier and with L1 plus L2 cache nodes on a multi-turn workload, and writes the report.%n")
public final class KvCacheCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--coordinator-jar", required = true, paramLabel = "JAR",
            description = "The packaged coordinator (kvcache-coordinator/target/kvcache-coordinator-*-exec.jar).")
    Path coordinatorJar;

    @Option(names = "--output", defaultValue = "docs/benchmarks/kvcache.md",
            description = "The report whose tiers section is rewritten. Default: ${DEFAULT-VALUE}.")
    Path output;

    @Option(names = "--work-dir", defaultValue = "target/kvcache-benchmark",
            description = "Logs of the child processes. Default: ${DEFAULT-VALUE}.")
    Path workDirectory;

    @Option(names = "--qps", split = ",", defaultValue = "10,20,40,80",
            description = "Request rates, each on a fresh cluster. Default: ${DEFAULT-VALUE}.")
    List<Double> qps;

    @Option(names = "--setups", split = ",",
            defaultValue = "NO_PREFIX_CACHING,PREFIX_CACHING,L1,L1_L2",
            description = "Configurations to compare. Default: ${DEFAULT-VALUE}.")
    List<TierSetup> setups;

    @Option(names = "--routing", defaultValue = "random",
            description = "random (each request to an engine drawn from the seed and its id) or session (a"
                    + " session's turns to one engine, as a prefix-aware router would). Default: ${DEFAULT-VALUE}.")
    String routing;

    @Option(names = "--engines", defaultValue = "4", description = "Engines. Default: ${DEFAULT-VALUE}.")
    int engines;

    @Option(names = "--profile", defaultValue = "llama3-8b-a100",
            description = "Engine model profile. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--gpu-blocks", defaultValue = "2048",
            description = "GPU KV blocks per engine (16 tokens each). Default: ${DEFAULT-VALUE}.")
    int gpuBlocks;

    @Option(names = "--max-model-len", defaultValue = "8192", description = "Default: ${DEFAULT-VALUE}.")
    int maxModelLen;

    @Option(names = "--l1-blocks", defaultValue = "2048",
            description = "L1 (host memory) blocks per engine. Default: ${DEFAULT-VALUE}.")
    int l1Blocks;

    @Option(names = "--cache-nodes", defaultValue = "2", description = "L2 cache nodes. Default: ${DEFAULT-VALUE}.")
    int cacheNodes;

    @Option(names = "--node-blocks", defaultValue = "16384",
            description = "Blocks per cache node. Default: ${DEFAULT-VALUE}.")
    int nodeBlocks;

    @Option(names = "--sessions", defaultValue = "64", description = "Sessions per point. Default: ${DEFAULT-VALUE}.")
    int sessions;

    @Option(names = "--turns", defaultValue = "4", description = "Turns per session. Default: ${DEFAULT-VALUE}.")
    int turns;

    @Option(names = "--system-prompts", defaultValue = "8",
            description = "Shared system prompts. Default: ${DEFAULT-VALUE}.")
    int systemPrompts;

    @Option(names = "--system-tokens", defaultValue = "1000", description = "Default: ${DEFAULT-VALUE}.")
    int systemTokens;

    @Option(names = "--user-tokens", defaultValue = "1000", description = "Default: ${DEFAULT-VALUE}.")
    int userTokens;

    @Option(names = "--output-tokens", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
    int outputTokens;

    @Option(names = "--think-seconds", defaultValue = "1",
            description = "Mean think time between turns. Default: ${DEFAULT-VALUE}.")
    double thinkSeconds;

    @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (!routing.equals("random") && !routing.equals("session")) {
            throw new ParameterException(spec.commandLine(), "--routing must be random or session but was '"
                    + routing + "'");
        }
        if (qps.isEmpty() || qps.stream().anyMatch(q -> !(q > 0))) {
            throw new ParameterException(spec.commandLine(), "--qps must be positive rates but was " + qps);
        }
        KvCachePlan plan = new KvCachePlan(coordinatorJar, output, workDirectory, profile, engines, gpuBlocks,
                maxModelLen, l1Blocks, cacheNodes, nodeBlocks, List.copyOf(qps), List.copyOf(setups), sessions,
                turns, systemPrompts, systemTokens, userTokens, outputTokens, thinkSeconds,
                routing.equals("session"), seed);
        PrintWriter out = spec.commandLine().getOut();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long started = System.nanoTime();
        List<PointResult> points = new KvCacheBenchmark(plan, out).run();
        String machine = String.format(Locale.ROOT, "Machine: %d cores, Java %s; one-minute load average %.2f before"
                + " the run and %.2f after it; the run took %.0f s (engines, cache nodes and client in one JVM, the"
                + " coordinator in a child JVM).", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                (System.nanoTime() - started) / 1e9);
        KvCacheMarkdown.write(output, plan, points, machine);
        out.println("wrote " + output);
        out.flush();
        return 0;
    }
}
