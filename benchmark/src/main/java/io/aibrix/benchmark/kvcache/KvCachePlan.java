package io.aibrix.benchmark.kvcache;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one {@code benchmark kvcache} invocation runs.
 *
 * @param gpuBlocks GPU KV blocks per engine (16 tokens each)
 * @param l1Blocks host-memory blocks per engine (L1)
 * @param cacheNodes cache nodes of the L2 cluster
 * @param nodeBlocks blocks each cache node holds
 * @param qps request rates, each run on a fresh cluster
 * @param sessions conversations per run; their turns arrive at {@code qps}
 * @param thinkSeconds mean pause between a reply and the next turn
 * @param sessionRouting all of a session's turns to one engine, instead of each request to a random engine
 */
record KvCachePlan(
        Path coordinatorJar,
        Path output,
        Path workDirectory,
        String profile,
        int engines,
        int gpuBlocks,
        int maxModelLen,
        int l1Blocks,
        int cacheNodes,
        int nodeBlocks,
        List<Double> qps,
        List<TierSetup> setups,
        int sessions,
        int turns,
        int systemPrompts,
        int systemTokens,
        int userTokens,
        int outputTokens,
        double thinkSeconds,
        boolean sessionRouting,
        long seed) {

    static final int BLOCK_SIZE = 16;

    /** Tokens of KV that the distinct prefixes of a run need: the shared system prompts once, every turn's own. */
    long distinctPrefixTokens() {
        return (long) systemPrompts * systemTokens
                + (long) sessions * ((long) turns * userTokens + (long) (turns - 1) * outputTokens);
    }

    long gpuTokensPerEngine() {
        return (long) gpuBlocks * BLOCK_SIZE;
    }

    double sessionRate(double requestsPerSecond) {
        return requestsPerSecond / turns;
    }
}
