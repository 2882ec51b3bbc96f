package io.aibrix.benchmark;

import java.util.ArrayList;
import java.util.List;

import io.aibrix.benchmark.client.Api;
import io.aibrix.benchmark.client.TargetPolicy;
import picocli.CommandLine.Option;

/** Where requests go and how they are sent. */
final class TargetOptions {

    @Option(names = "--target", paramLabel = "URL", defaultValue = "http://127.0.0.1:8888",
            description = "Base URL of a gateway or engine; repeat for several engines, which the client then "
                    + "picks from itself (see --target-policy). Default: ${DEFAULT-VALUE}.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--target-policy", paramLabel = "POLICY", defaultValue = "random",
            description = "With several --target: random (seeded per request) or round-robin. Default: "
                    + "${DEFAULT-VALUE}.")
    TargetPolicy targetPolicy;

    @Option(names = "--model", paramLabel = "ID",
            description = "Model to request. Default: the first id listed by GET /v1/models of the first target.")
    String model;

    @Option(names = "--api", paramLabel = "API", defaultValue = "chat",
            description = "chat (/v1/chat/completions) or completions (/v1/completions). Default: ${DEFAULT-VALUE}.")
    Api api;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Sent as 'Authorization: Bearer KEY'. Default: none.")
    String apiKey;

    @Option(names = "--routing-strategy", paramLabel = "NAME",
            description = "Sent as header 'routing-strategy' for the gateway, e.g. prefix-cache. Default: none.")
    String routingStrategy;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Limit on a whole request including streaming; a request exceeding it is recorded as "
                    + "failed. Default: ${DEFAULT-VALUE}.")
    double requestTimeoutSeconds;

    @Option(names = "--max-concurrency", paramLabel = "N",
            description = "Cap on requests in flight; arrivals beyond it wait, which shows as dispatch lag. "
                    + "Default: unlimited.")
    Integer maxConcurrency;
}
