package io.aibrix.gateway.routing;

import java.util.List;
import java.util.Objects;

/**
 * A strategy that picks the candidate with the lowest score computed from engine metrics. Candidates whose metrics
 * are unknown are not scored; when no candidate can be scored the decision falls back to
 * {@link LeastRequestRoutingStrategy#leastLoaded least in-flight} (the gateway's own, always-known count) and the
 * fallback is recorded. AIBrix falls back to random here; in-flight counts are a better guess than none.
 */
abstract class MetricRoutingStrategy implements RoutingStrategy, PodScorer {

    private final FallbackRecorder fallbacks;

    MetricRoutingStrategy(FallbackRecorder fallbacks) {
        this.fallbacks = Objects.requireNonNull(fallbacks, "fallbacks");
    }

    @Override
    public final Decision route(RoutingRequest request, List<Candidate> candidates) {
        double[] scores = scoreAll(request, candidates);
        int best = -1;
        for (int i = 0; i < scores.length; i++) {
            // Strictly lower: ties go to the first candidate in (shuffled) order.
            if (Double.isFinite(scores[i]) && (best < 0 || scores[i] < scores[best])) {
                best = i;
            }
        }
        if (best < 0) {
            fallbacks.record(name(), FallbackRecorder.METRICS_UNKNOWN);
            return Decision.of(LeastRequestRoutingStrategy.leastLoaded(candidates).endpoint());
        }
        return Decision.of(candidates.get(best).endpoint());
    }

    @Override
    public final Polarity polarity() {
        return Polarity.LOWER_IS_BETTER;
    }
}
