package io.aibrix.gateway.routing;

import java.util.List;
import java.util.Map;

import io.aibrix.gateway.endpoint.Endpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.lang.Nullable;

/**
 * A weighted combination of scoring strategies. Per member, raw scores are min-max normalised to [0, 1] with the
 * member's polarity (its best candidate gets 1); an unscored or non-finite score gets 0, and when every scored
 * candidate has the same score they all get 1. The final score is Σ normalised × weight / Σ weights; the highest wins,
 * and scores within {@value #TIE_EPSILON} of the best so far go to the earlier candidate. After the decision every
 * member that is a {@link PostRouteHook} runs, in member order, and when the request ends every member that is a
 * {@link RoutingFeedback} hears how, in member order; one failing member never skips the others.
 */
final class WeightedRoutingStrategy implements RoutingStrategy, PostRouteHook, RoutingFeedback {

    private static final Logger log = LoggerFactory.getLogger(WeightedRoutingStrategy.class);

    static final double TIE_EPSILON = 1e-9;

    /** One member; {@code strategy} and {@code scorer} are the same object. */
    record Member(RoutingStrategy strategy, PodScorer scorer, int weight) {
    }

    private final String name;

    private final List<Member> members;

    private final long totalWeight;

    /**
     * @param name    the normalised specification, e.g. {@code least-request:2,least-kv-cache:1}
     * @param members the active members (weight above 0), at least one
     */
    WeightedRoutingStrategy(String name, List<Member> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("A weighted combination needs at least one member");
        }
        this.name = name;
        this.members = List.copyOf(members);
        this.totalWeight = members.stream().mapToLong(Member::weight).sum();
    }

    @Override
    public String name() {
        return name;
    }

    List<Member> members() {
        return members;
    }

    @Override
    public boolean needsPromptTokens() {
        return members.stream().anyMatch(member -> member.strategy().needsPromptTokens());
    }

    @Override
    public Decision route(RoutingRequest request, List<Candidate> candidates) {
        double[] scores = scores(request, candidates);
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best] + TIE_EPSILON) {
                best = i;
            }
        }
        return Decision.of(candidates.get(best).endpoint());
    }

    @Override
    public void afterRoute(RoutingRequest request, Candidate chosen, Map<String, String> responseHeaders) {
        for (Member member : members) {
            if (member.strategy() instanceof PostRouteHook hook) {
                PostRouteHooks.run(hook, request, chosen, responseHeaders);
            }
        }
    }

    @Override
    public void onFinished(RoutingRequest request, Endpoint target, long promptTokens, long completionTokens,
            boolean succeeded) {
        for (Member member : members) {
            if (member.strategy() instanceof RoutingFeedback feedback) {
                try {
                    feedback.onFinished(request, target, promptTokens, completionTokens, succeeded);
                }
                catch (RuntimeException ex) {
                    log.warn("Routing feedback of {} failed for request {}", member.strategy().name(),
                            request.requestId(), ex);
                }
            }
        }
    }

    /** The final score of each candidate, in [0, 1], aligned with {@code candidates}. */
    double[] scores(RoutingRequest request, List<Candidate> candidates) {
        return scores(request, candidates, null);
    }

    /**
     * The final score of each candidate, in [0, 1], aligned with {@code candidates}.
     *
     * @param perMember when not null, receives each member's normalised scores (1 is best), in member order; it must
     *                  have one slot per member
     */
    double[] scores(RoutingRequest request, List<Candidate> candidates, @Nullable double[][] perMember) {
        double[] total = new double[candidates.size()];
        for (int m = 0; m < members.size(); m++) {
            Member member = members.get(m);
            double[] raw = member.scorer().scoreAll(request, candidates);
            double[] normalised = normalise(raw, member.scorer().polarity());
            if (perMember != null) {
                perMember[m] = normalised;
            }
            for (int i = 0; i < total.length; i++) {
                total[i] += normalised[i] * member.weight();
            }
        }
        for (int i = 0; i < total.length; i++) {
            total[i] /= totalWeight;
        }
        return total;
    }

    /** Min-max normalisation to [0, 1] where 1 is best; non-finite raw scores become 0. */
    static double[] normalise(double[] raw, PodScorer.Polarity polarity) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : raw) {
            if (Double.isFinite(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        double[] result = new double[raw.length];
        double range = max - min;
        for (int i = 0; i < raw.length; i++) {
            double value = raw[i];
            if (!Double.isFinite(value)) {
                continue;
            }
            if (range == 0) {
                result[i] = 1;
            }
            else {
                result[i] = polarity == PodScorer.Polarity.LOWER_IS_BETTER ? (max - value) / range
                        : (value - min) / range;
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "WeightedRoutingStrategy[" + name + "]";
    }
}
