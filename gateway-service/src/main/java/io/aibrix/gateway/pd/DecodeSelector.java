package io.aibrix.gateway.pd;

import java.util.List;

import io.aibrix.gateway.routing.Candidate;

/**
 * Chooses the decode engine by load and KV headroom (AIBrix's {@code load_balancing} decode policy without its
 * throughput term, which rewards engines for being busy). For decode engine i with load l_i ({@link Loads#decode}) and
 * KV cache usage u_i:
 * <pre>
 *   score_i = (1 + l_i) / max(1 − u_i, {@value #MIN_HEADROOM})      (u_i unknown counts as 0)
 * </pre>
 * the lowest wins: a decode engine's batch grows with its requests, and a nearly full KV cache means preemption (or,
 * for a transfer, no room to receive the prompt's blocks). An engine with unknown metrics scores 1 + in-flight, as a
 * cold AIBrix pod scores 1 + pending. Fast path: when max − min load reaches the imbalance threshold, the least loaded
 * engine wins. Ties go to the first candidate, so callers shuffle. Plain Java, stateless.
 */
final class DecodeSelector {

    /** Floor of the free KV share, so a full cache scores high but finite. */
    static final double MIN_HEADROOM = 0.01;

    /**
     * @param index    the chosen candidate
     * @param scores   each candidate's score
     * @param fastPath whether the imbalance fast path chose (by load alone)
     */
    record Choice(int index, double[] scores, boolean fastPath) {
    }

    private final int imbalanceThreshold;

    DecodeSelector(int imbalanceThreshold) {
        this.imbalanceThreshold = imbalanceThreshold;
    }

    /** @param decodes at least one candidate */
    Choice choose(List<Candidate> decodes) {
        int n = decodes.size();
        double[] scores = new double[n];
        double minLoad = Double.POSITIVE_INFINITY;
        double maxLoad = Double.NEGATIVE_INFINITY;
        int leastLoaded = 0;
        int best = 0;
        for (int i = 0; i < n; i++) {
            Candidate candidate = decodes.get(i);
            double load = Loads.decode(candidate);
            if (load < minLoad) {
                minLoad = load;
                leastLoaded = i;
            }
            maxLoad = Math.max(maxLoad, load);
            double headroom = Math.max(1 - Loads.known(candidate.metrics().kvCacheUsage()), MIN_HEADROOM);
            scores[i] = (1 + load) / headroom;
            if (scores[i] < scores[best]) {
                best = i;
            }
        }
        if (maxLoad - minLoad >= imbalanceThreshold) {
            return new Choice(leastLoaded, scores, true);
        }
        return new Choice(best, scores, false);
    }
}
