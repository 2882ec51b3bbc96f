package io.aibrix.benchmark;

import picocli.CommandLine.Option;

/** Options of the closed-loop multi-turn workload. */
final class MultiTurnOptions {

    @Option(names = "--session-rate", paramLabel = "RATE", defaultValue = "1.5",
            description = "multi-turn: new sessions per second (Poisson). Default: ${DEFAULT-VALUE}.")
    double sessionRate;

    @Option(names = "--system-prompts", paramLabel = "N", defaultValue = "8",
            description = "multi-turn: distinct shared system prompts; each session uses one. Default: "
                    + "${DEFAULT-VALUE}.")
    int systemPrompts;

    @Option(names = "--system-prompt-tokens", paramLabel = "N", defaultValue = "1000",
            description = "multi-turn: tokens per system prompt. Default: ${DEFAULT-VALUE}.")
    int systemPromptTokens;

    @Option(names = "--turns", paramLabel = "N", defaultValue = "8",
            description = "multi-turn: turns per session. Default: ${DEFAULT-VALUE}.")
    int turns;

    @Option(names = "--user-tokens", paramLabel = "N", defaultValue = "200",
            description = "multi-turn: tokens per new user message. Default: ${DEFAULT-VALUE}.")
    int userTokens;

    @Option(names = "--think-time", paramLabel = "SECONDS", defaultValue = "3",
            description = "multi-turn: mean of the exponential pause between a reply and the next turn. "
                    + "Default: ${DEFAULT-VALUE}.")
    double thinkTimeSeconds;
}
