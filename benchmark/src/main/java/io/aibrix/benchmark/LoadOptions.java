package io.aibrix.benchmark;

import picocli.CommandLine.Option;

/** Which workload, how much of it, and the request sizes shared by several workloads. */
final class LoadOptions {

    @Option(names = "--workload", paramLabel = "KIND", defaultValue = "poisson",
            description = "poisson, shared-prefix, multi-turn or trace. Default: ${DEFAULT-VALUE}.")
    WorkloadKind workload;

    @Option(names = "--qps", paramLabel = "RATE", defaultValue = "12",
            description = "Mean arrival rate in requests per second (Poisson) for poisson and shared-prefix. "
                    + "Default: ${DEFAULT-VALUE}.")
    double qps;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop sending after this many seconds (in-flight requests finish). Default: 60 unless "
                    + "--num-requests is given; a trace runs to its end.")
    Double durationSeconds;

    @Option(names = "--num-requests", paramLabel = "N",
            description = "Stop after sending N requests (whichever of --duration and this comes first). "
                    + "Default: no limit.")
    Long numRequests;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "0",
            description = "Requests scheduled in the first SECONDS are sent and recorded but excluded from the "
                    + "summary. Default: ${DEFAULT-VALUE}.")
    double warmupSeconds;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0",
            description = "Seed for prompts, arrival times, group and target choices: same seed, same run. "
                    + "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--output-tokens", paramLabel = "N", defaultValue = "150",
            description = "Tokens to generate per request (ignore_eos, so exact); trace rows bring their own. "
                    + "Default: ${DEFAULT-VALUE}.")
    int outputTokens;

    @Option(names = "--input-tokens", paramLabel = "N", defaultValue = "300",
            description = "poisson: prompt length in tokens (words). Default: ${DEFAULT-VALUE}.")
    int inputTokens;

    @Option(names = "--request-mix", paramLabel = "W:IN:OUT[,...]",
            description = "poisson: weighted size classes replacing --input-tokens/--output-tokens, e.g. "
                    + "0.9:300:150,0.1:6000:600. Default: none.")
    String requestMix;
}
