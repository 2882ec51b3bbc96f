package io.aibrix.gateway.routing;

import java.util.List;

import io.aibrix.gateway.enginestats.EngineMetrics;

/**
 * {@code least-latency}: the lowest estimated latency of this request, in seconds:
 *
 * <pre>
 * meanQueue + meanPrefill / meanPromptTokens × promptTokens + meanDecode / meanGenerationTokens × expectedOutput
 * </pre>
 *
 * {@code expectedOutput} is the request's {@code max_tokens} when set, else the mean generation length over the scored
 * engines, else {@value #DEFAULT_OUTPUT_TOKENS} (AIBrix's default; it multiplies a zero decode cost, since any known
 * decode cost comes with a known generation length). An engine is scored when its metrics are known;
 * a per-token cost it cannot tell yet (no finished request) is the mean of the engines that can (0 if none can), and an
 * unknown queue time counts as 0. So a fresh engine looks like an average one with an empty queue. Ties go to the
 * first candidate (AIBrix's {@code <=} let the last one win).
 */
final class LeastLatencyRoutingStrategy extends MetricRoutingStrategy {

    static final String NAME = "least-latency";

    static final int DEFAULT_OUTPUT_TOKENS = 100;

    LeastLatencyRoutingStrategy(FallbackRecorder fallbacks) {
        super(fallbacks);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The estimate for a fleet of this one engine; weighted combinations use {@link #scoreAll}. */
    @Override
    public double score(RoutingRequest request, Candidate candidate) {
        return scoreAll(request, List.of(candidate))[0];
    }

    @Override
    public double[] scoreAll(RoutingRequest request, List<Candidate> candidates) {
        int n = candidates.size();
        double[] prefillPerToken = new double[n];
        double[] decodePerToken = new double[n];
        Mean prefillMean = new Mean();
        Mean decodeMean = new Mean();
        Mean generationMean = new Mean();
        for (int i = 0; i < n; i++) {
            EngineMetrics metrics = candidates.get(i).metrics();
            if (!metrics.isKnown()) {
                continue;
            }
            prefillPerToken[i] = perToken(metrics.meanPrefillSeconds(), metrics.meanPromptTokens());
            decodePerToken[i] = perToken(metrics.meanDecodeSeconds(), metrics.meanGenerationTokens());
            prefillMean.add(prefillPerToken[i]);
            decodeMean.add(decodePerToken[i]);
            if (metrics.meanGenerationTokens() > 0) {
                generationMean.add(metrics.meanGenerationTokens());
            }
        }
        double expectedOutput = request.maxTokens() >= 0 ? request.maxTokens()
                : generationMean.orElse(DEFAULT_OUTPUT_TOKENS);
        double fleetPrefill = prefillMean.orElse(0);
        double fleetDecode = decodeMean.orElse(0);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            EngineMetrics metrics = candidates.get(i).metrics();
            if (!metrics.isKnown()) {
                scores[i] = Double.NaN;
                continue;
            }
            double queue = Double.isFinite(metrics.meanQueueSeconds()) ? metrics.meanQueueSeconds() : 0;
            double prefill = Double.isFinite(prefillPerToken[i]) ? prefillPerToken[i] : fleetPrefill;
            double decode = Double.isFinite(decodePerToken[i]) ? decodePerToken[i] : fleetDecode;
            scores[i] = queue + prefill * request.promptTokens() + decode * expectedOutput;
        }
        return scores;
    }

    /** Seconds per token, or NaN when either mean is unknown or there were no tokens. */
    private static double perToken(double seconds, double tokens) {
        return Double.isFinite(seconds) && seconds >= 0 && Double.isFinite(tokens) && tokens > 0 ? seconds / tokens
                : Double.NaN;
    }

    /** Mean of the finite values added. */
    private static final class Mean {

        private double sum;

        private int count;

        void add(double value) {
            if (Double.isFinite(value)) {
                sum += value;
                count++;
            }
        }

        double orElse(double fallback) {
            return count == 0 ? fallback : sum / count;
        }
    }
}
