package io.aibrix.gateway.pd;

import java.util.List;

import io.aibrix.gateway.routing.Candidate;

/**
 * Chooses the prefill engine (AIBrix's {@code prefix_cache} prefill policy). For prefill engine i with load l_i
 * ({@link Loads#prefill}) and cached prompt share m_i in [0, 1]:
 * <pre>
 *   score_i = prefixWeight · (1 − m_i) + l_i / max_j l_j        (the load term is 0 when every load is 0)
 * </pre>
 * the lowest wins, among the engines whose load is at most mean + loadStddevFactor · stddev or at most one request
 * above the least loaded engine's (so a hot prefix cannot pile onto one engine, while a difference of one request in a
 * quiet fleet does not outweigh a cached prompt). Fast path: when max − min load exceeds the imbalance threshold, the least loaded engine wins
 * whatever it caches. Ties go to the first candidate, so callers shuffle. Plain Java, stateless.
 */
final class PrefillSelector {

    /**
     * @param index    the chosen candidate
     * @param scores   each candidate's score, NaN for one skipped by the load guard
     * @param fastPath whether the imbalance fast path chose (by load alone)
     */
    record Choice(int index, double[] scores, boolean fastPath) {
    }

    private final double prefixWeight;

    private final double loadStddevFactor;

    private final int imbalanceThreshold;

    PrefillSelector(double prefixWeight, double loadStddevFactor, int imbalanceThreshold) {
        this.prefixWeight = prefixWeight;
        this.loadStddevFactor = loadStddevFactor;
        this.imbalanceThreshold = imbalanceThreshold;
    }

    /**
     * @param prefills at least one candidate
     * @param cached   per candidate, the share of the prompt it caches (NaN or out of range is treated as 0 or 1)
     */
    Choice choose(List<Candidate> prefills, double[] cached) {
        int n = prefills.size();
        double[] loads = new double[n];
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        double sum = 0;
        int leastLoaded = 0;
        for (int i = 0; i < n; i++) {
            loads[i] = Loads.prefill(prefills.get(i));
            if (loads[i] < min) {
                min = loads[i];
                leastLoaded = i;
            }
            max = Math.max(max, loads[i]);
            sum += loads[i];
        }
        double mean = sum / n;
        double squares = 0;
        for (double load : loads) {
            squares += (load - mean) * (load - mean);
        }
        double limit = Math.max(mean + loadStddevFactor * Math.sqrt(squares / n), min + 1);
        double[] scores = new double[n];
        int best = -1;
        for (int i = 0; i < n; i++) {
            if (loads[i] > limit) {
                scores[i] = Double.NaN;
                continue;
            }
            double share = Double.isNaN(cached[i]) ? 0 : Math.clamp(cached[i], 0, 1);
            scores[i] = prefixWeight * (1 - share) + (max > 0 ? loads[i] / max : 0);
            if (best < 0 || scores[i] < scores[best]) {
                best = i;
            }
        }
        if (max - min > imbalanceThreshold) {
            return new Choice(leastLoaded, scores, true);
        }
        // The least loaded engine is never above the limit, so some engine always qualifies.
        return new Choice(best, scores, false);
    }
}
