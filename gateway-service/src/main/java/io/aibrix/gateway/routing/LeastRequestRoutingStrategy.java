package io.aibrix.gateway.routing;

import java.util.List;

/**
 * {@code least-request}: the candidate with the fewest requests this gateway has in flight to it. The count is the
 * gateway's own and always known, which also makes this the fallback of the metric-driven strategies.
 */
final class LeastRequestRoutingStrategy implements RoutingStrategy, PodScorer {

    static final String NAME = "least-request";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision route(RoutingRequest request, List<Candidate> candidates) {
        return Decision.of(leastLoaded(candidates).endpoint());
    }

    /** The candidate with the fewest in-flight requests; ties go to the first in order (the order is shuffled). */
    static Candidate leastLoaded(List<Candidate> candidates) {
        Candidate best = candidates.get(0);
        for (int i = 1; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            if (candidate.inFlight() < best.inFlight()) {
                best = candidate;
            }
        }
        return best;
    }

    /** In-flight requests; lower is better. */
    @Override
    public double score(RoutingRequest request, Candidate candidate) {
        return candidate.inFlight();
    }

    @Override
    public Polarity polarity() {
        return Polarity.LOWER_IS_BETTER;
    }
}
