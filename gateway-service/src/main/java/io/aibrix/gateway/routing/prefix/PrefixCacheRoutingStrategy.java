package io.aibrix.gateway.routing.prefix;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.Decision;
import io.aibrix.gateway.routing.PodScorer;
import io.aibrix.gateway.routing.PostRouteHook;
import io.aibrix.gateway.routing.RoutingRequest;
import io.aibrix.gateway.routing.RoutingStrategy;

/**
 * {@code prefix-cache}: routes a request to the engine that already caches the longest prefix of its prompt, unless
 * that engine is too busy, and indexes the prompt on whichever engine was chosen.
 *
 * <p>The rule is a cost, in prompt tokens, Dynamo- and llm-d-style rather than AIBrix's sort-then-threshold:
 * <ol>
 * <li>The {@link LoadGuard} removes overloaded pods (far above both the least-loaded pod and mean + k·stddev).</li>
 * <li>Each remaining pod costs its uncached prompt tokens + {@code inFlightCostTokens} × its in-flight requests; the
 * cheapest wins.</li>
 * <li>Ties (typically: nobody holds the prompt and loads are equal) go to the pod with the fewest indexed blocks, so
 * distinct prefixes are spread over the engines' caches as SGLang's "smallest tree" rule does, then to the first
 * candidate (the router shuffles them).</li>
 * </ol>
 * Why a cost: recomputing a cached 3,000-token prefix costs an A100 about 150 ms of prefill that also stalls every
 * co-batched decode, while one more in-flight request costs far less until the engine saturates. A long match
 * therefore outweighs a few requests of load, a short match does not, and a pod that holds nothing is chosen by load
 * alone (with no sharing this is exactly least-request). The guard bounds what affinity may do: once a hot prefix's
 * holder runs far above the rest, its requests go to a less loaded pod, which is then indexed too, so the hot prefix
 * replicates over as many pods as its load needs instead of piling onto one.
 *
 * <p>As a {@link PodScorer} (weighted combinations, routing debug headers) the score is that same cost, lower is
 * better, unscored (NaN) for an overloaded pod, so the scores explain the decision; in a combination a load member
 * shifts the balance further toward load. Either way the post-route hook indexes the decision.
 */
final class PrefixCacheRoutingStrategy implements RoutingStrategy, PodScorer, PostRouteHook {

    static final String NAME = "prefix-cache";

    private final PrefixMatcher matcher;
    private final double inFlightCostTokens;
    private final PrefixRoutingMeters meters;

    PrefixCacheRoutingStrategy(PrefixMatcher matcher, double inFlightCostTokens, PrefixRoutingMeters meters) {
        if (!(inFlightCostTokens >= 0)) {
            throw new IllegalArgumentException("inFlightCostTokens must not be negative");
        }
        this.matcher = matcher;
        this.inFlightCostTokens = inFlightCostTokens;
        this.meters = meters;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsPromptTokens() {
        return matcher.usesTokenIds();
    }

    @Override
    public Decision route(RoutingRequest request, List<Candidate> candidates) {
        return Decision.of(candidates.get(matcher.cheapest(costs(matcher.evaluate(request, candidates)), candidates))
                .endpoint());
    }

    /** Per candidate, its cost (lower is better), or NaN when the load guard took it out. */
    @Override
    public double[] scoreAll(RoutingRequest request, List<Candidate> candidates) {
        return costs(matcher.evaluate(request, candidates));
    }

    /** The candidate's cost on its own, without the load guard (which needs the other candidates). */
    @Override
    public double score(RoutingRequest request, Candidate candidate) {
        return costs(matcher.evaluateAlone(request, candidate))[0];
    }

    private double[] costs(PrefixMatches matches) {
        double[] costs = new double[matches.candidates().size()];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = matches.overloaded()[i] ? Double.NaN
                    : matches.blocks().uncachedTokens(matches.matched()[i])
                            + inFlightCostTokens * matches.candidates().get(i).inFlight();
        }
        return costs;
    }

    @Override
    public Polarity polarity() {
        return Polarity.LOWER_IS_BETTER;
    }

    @Override
    public void afterRoute(RoutingRequest request, Candidate chosen, Map<String, String> responseHeaders) {
        PrefixMatches matches = matcher.finish(request, chosen);
        meters.decided(matches, matches.indexOf(chosen.endpoint().address()));
        matcher.record(matches.blocks(), chosen);
    }

    /** Forgets pods that left discovery. */
    void retainPods(Set<String> live) {
        matcher.retainPods(live);
    }

    @Override
    public String toString() {
        return "PrefixCacheRoutingStrategy[inFlightCostTokens=" + inFlightCostTokens + "]";
    }
}
