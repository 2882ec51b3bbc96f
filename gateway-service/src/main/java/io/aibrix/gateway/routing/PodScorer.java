package io.aibrix.gateway.routing;

/**
 * A strategy that can score every candidate, so it can take part in a weighted combination. Scores are min-max
 * normalised per strategy before weighting; the raw scale does not matter, only the order and the polarity.
 */
public interface PodScorer {

    /** The raw score of one candidate, or {@link Double#NaN} when this strategy cannot score it (unknown metrics). */
    double score(RoutingRequest request, Candidate candidate);

    /** Whether a lower or a higher raw score is better. */
    Polarity polarity();

    enum Polarity {
        LOWER_IS_BETTER, HIGHER_IS_BETTER
    }
}
