package io.aibrix.gateway.routing;

import java.util.List;

/**
 * A strategy that can score every candidate, so it can take part in a weighted combination. Scores are min-max
 * normalised per strategy before weighting; the raw scale does not matter, only the order and the polarity.
 */
public interface PodScorer {

    /** The raw score of one candidate, or {@link Double#NaN} when this strategy cannot score it (unknown metrics). */
    double score(RoutingRequest request, Candidate candidate);

    /**
     * Raw scores aligned with {@code candidates} ({@link Double#NaN} where one cannot be scored). Scorers whose scores
     * depend on the whole set (fleet means, a rendezvous winner) override this; the default scores one by one.
     */
    default double[] scoreAll(RoutingRequest request, List<Candidate> candidates) {
        double[] scores = new double[candidates.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = score(request, candidates.get(i));
        }
        return scores;
    }

    /** Whether a lower or a higher raw score is better. */
    Polarity polarity();

    enum Polarity {
        LOWER_IS_BETTER, HIGHER_IS_BETTER
    }
}
