package io.aibrix.benchmark.kvcache;

import java.util.List;

import io.aibrix.benchmark.run.RequestResult;

/**
 * One configuration at one QPS: client-side TTFT of the successful requests, and where the prompt tokens' KV came
 * from according to the engines (GPU prefix cache, L1, L2; the rest was computed).
 *
 * @param cachedShare cached prompt tokens over prompt tokens, as the responses' {@code cached_tokens} report them
 */
record PointResult(TierSetup setup, double qps, int requests, int failed, double ttftMeanSeconds,
        double ttftP99Seconds, double cachedShare, double gpuShare, double l1Share, double l2Share,
        double elapsedSeconds) {

    static PointResult of(TierSetup setup, double qps, List<RequestResult> results, TierHits hits,
            double elapsedSeconds) {
        double[] ttfts = results.stream().filter(RequestResult::succeeded)
                .filter(r -> r.ttftSeconds() != null).mapToDouble(RequestResult::ttftSeconds).sorted().toArray();
        long prompt = results.stream().filter(RequestResult::succeeded).mapToLong(RequestResult::promptTokens).sum();
        long cached = results.stream().filter(RequestResult::succeeded).mapToLong(RequestResult::cachedTokens).sum();
        int failed = (int) results.stream().filter(r -> !r.succeeded()).count();
        double queried = Math.max(1, hits.queriedTokens());
        return new PointResult(setup, qps, results.size(), failed, mean(ttfts), percentile(ttfts, 0.99),
                prompt == 0 ? 0 : (double) cached / prompt, hits.gpuTokens() / queried, hits.l1Tokens() / queried,
                hits.l2Tokens() / queried, elapsedSeconds);
    }

    /** Nearest rank on sorted values; NaN when empty. */
    static double percentile(double[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Prompt tokens the engines looked up, and those served by each level, summed over the engines. */
    record TierHits(double queriedTokens, double gpuTokens, double l1Tokens, double l2Tokens) {
    }
}
