package io.aibrix.benchmark;

import picocli.CommandLine.Option;

/** Options of the shared-prefix workload. */
final class SharedPrefixOptions {

    @Option(names = "--groups", paramLabel = "N", defaultValue = "40",
            description = "shared-prefix: number of prefix groups. Default: ${DEFAULT-VALUE}.")
    int groups;

    @Option(names = "--prefix-tokens", paramLabel = "N", defaultValue = "3000",
            description = "shared-prefix: tokens of each group's shared prefix. Default: ${DEFAULT-VALUE}.")
    int prefixTokens;

    @Option(names = "--suffix-tokens", paramLabel = "N", defaultValue = "300",
            description = "shared-prefix: tokens of each request's unique suffix. Default: ${DEFAULT-VALUE}.")
    int suffixTokens;

    @Option(names = "--group-distribution", paramLabel = "DIST", defaultValue = "uniform",
            description = "shared-prefix: uniform or zipf (group k has weight 1/k^alpha). Default: "
                    + "${DEFAULT-VALUE}.")
    GroupDistribution groupDistribution;

    @Option(names = "--zipf-alpha", paramLabel = "ALPHA", defaultValue = "1.5",
            description = "shared-prefix with zipf: the exponent. Default: ${DEFAULT-VALUE}.")
    double zipfAlpha;
}
