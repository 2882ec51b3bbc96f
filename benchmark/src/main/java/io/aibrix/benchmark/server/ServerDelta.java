package io.aibrix.benchmark.server;

/**
 * Server-side view of a run for one engine, or the cluster: counter deltas between the scrapes around the run.
 * Means are seconds, {@code prefixHitRate} = Δhits / Δqueries; a field is null when its denominator is zero.
 * {@code error} is set instead when the engine could not be scraped.
 */
public record ServerDelta(String engine, Long requests, Double ttftMeanSeconds, Double e2eMeanSeconds,
        Double prefixHitRate, Double prefixQueryTokens, Long preemptions, String error) {

    static ServerDelta of(String engine, EngineCounters delta) {
        return new ServerDelta(engine, Math.round(delta.e2eCount()), ratio(delta.ttftSumSeconds(), delta.ttftCount()),
                ratio(delta.e2eSumSeconds(), delta.e2eCount()), ratio(delta.prefixHits(), delta.prefixQueries()),
                delta.prefixQueries(), Math.round(delta.preemptions()), null);
    }

    static ServerDelta failed(String engine, String error) {
        return new ServerDelta(engine, null, null, null, null, null, null, error);
    }

    private static Double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : null;
    }
}
