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
 * {@code prefix-cache-preble}: Preble's E2 rule (Srivatsa et al., ICLR'25), exploit a long shared prefix, otherwise
 * explore by cost.
 * <ol>
 * <li>The {@link LoadGuard} removes overloaded pods, as for {@code prefix-cache}.</li>
 * <li><b>Exploit</b>: if some pods hold more than {@code matchThreshold} of the prompt, the one among them with the
 * least load + prefill cost wins (the prefill term prefers the longer match among equally loaded holders).</li>
 * <li><b>Explore</b>: otherwise every pod costs load + prefill + eviction, and the cheapest wins.</li>
 * </ol>
 * In both branches equal costs go to the pod with the fewest indexed blocks, then to the first candidate.
 * In GPU seconds ({@link PrebleCostModel}): <em>load</em> is the work routed to the pod within the trailing window
 * ({@link WorkWindows}: each routed request adds its own prefill and decode time); <em>prefill</em> is the request's
 * uncached tokens on that pod; <em>eviction</em> is the prefill cost scaled by the pod's KV usage
 * ({@code vllm:kv_cache_usage_perc}, 0 when unknown), the chance that storing the new blocks evicts cached ones that
 * later requests must recompute (Preble weighs evicted nodes by their hits; the gateway cannot see them).
 *
 * <p>Shares hashing, index and guard code with {@code prefix-cache} but keeps its own index instance: an index
 * records one strategy's decisions, so switching strategies (or running them one after another in a benchmark) never
 * steers requests by another strategy's history.
 *
 * <p>As a {@link PodScorer} (weighted combinations, routing debug headers) the score is that same cost, lower is
 * better: the pods not eligible (overloaded, or not holding the long prefix when some pod does) are unscored (NaN).
 */
final class PrebleRoutingStrategy implements RoutingStrategy, PodScorer, PostRouteHook {

    static final String NAME = "prefix-cache-preble";

    private final PrefixMatcher matcher;
    private final PrebleCostModel costs;
    private final WorkWindows load;
    private final double matchThreshold;
    private final PrefixRoutingMeters meters;

    PrebleRoutingStrategy(PrefixMatcher matcher, PrebleCostModel costs, WorkWindows load, double matchThreshold,
            PrefixRoutingMeters meters) {
        if (!(matchThreshold >= 0 && matchThreshold <= 1)) {
            throw new IllegalArgumentException("matchThreshold must be in [0, 1], got " + matchThreshold);
        }
        this.matcher = matcher;
        this.costs = costs;
        this.load = load;
        this.matchThreshold = matchThreshold;
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

    /** Per candidate, its cost in GPU seconds (lower is better), or NaN when it is not eligible. */
    @Override
    public double[] scoreAll(RoutingRequest request, List<Candidate> candidates) {
        return costs(matcher.evaluate(request, candidates));
    }

    /** The candidate's explore cost on its own. */
    @Override
    public double score(RoutingRequest request, Candidate candidate) {
        PrefixMatches matches = matcher.evaluateAlone(request, candidate);
        return load(matches, 0) + prefillSeconds(matches, 0) + evictionSeconds(matches, 0);
    }

    /**
     * Exploit when some eligible pod holds more than the threshold share: those pods cost load + prefill and the
     * others are not eligible; otherwise explore: every eligible pod costs load + prefill + eviction. Overloaded pods
     * are never eligible.
     */
    private double[] costs(PrefixMatches matches) {
        int n = matches.candidates().size();
        boolean exploit = false;
        for (int i = 0; i < n; i++) {
            exploit |= holdsLongPrefix(matches, i);
        }
        double[] costs = new double[n];
        for (int i = 0; i < n; i++) {
            if (matches.overloaded()[i] || exploit && !holdsLongPrefix(matches, i)) {
                costs[i] = Double.NaN;
            }
            else {
                costs[i] = load(matches, i) + prefillSeconds(matches, i) + (exploit ? 0 : evictionSeconds(matches, i));
            }
        }
        return costs;
    }

    private boolean holdsLongPrefix(PrefixMatches matches, int candidate) {
        return !matches.overloaded()[candidate]
                && matches.blocks().coveredFraction(matches.matched()[candidate]) > matchThreshold;
    }

    private double load(PrefixMatches matches, int candidate) {
        return load.load(address(matches, candidate));
    }

    private double prefillSeconds(PrefixMatches matches, int candidate) {
        return costs.prefillSeconds(matches.blocks().uncachedTokens(matches.matched()[candidate]));
    }

    /** The prefill cost scaled by the pod's KV usage; 0 when the usage is unknown. */
    private double evictionSeconds(PrefixMatches matches, int candidate) {
        double kvUsage = matches.candidates().get(candidate).metrics().kvCacheUsage();
        return Double.isFinite(kvUsage) ? prefillSeconds(matches, candidate) * Math.clamp(kvUsage, 0.0, 1.0) : 0;
    }

    @Override
    public Polarity polarity() {
        return Polarity.LOWER_IS_BETTER;
    }

    /** Indexes the prompt on the chosen pod and adds the request's work to the pod's load window. */
    @Override
    public void afterRoute(RoutingRequest request, Candidate chosen, Map<String, String> responseHeaders) {
        PrefixMatches matches = matcher.finish(request, chosen);
        int index = matches.indexOf(chosen.endpoint().address());
        meters.decided(matches, index);
        double work = prefillSeconds(matches, index) + costs.decodeSeconds(request.maxTokens());
        load.add(chosen.endpoint().address(), work);
        matcher.record(matches.blocks(), chosen, work);
    }

    void retainPods(Set<String> live) {
        matcher.retainPods(live);
        load.retainPods(live);
    }

    private static String address(PrefixMatches matches, int candidate) {
        return matches.candidates().get(candidate).endpoint().address();
    }

    @Override
    public String toString() {
        return "PrebleRoutingStrategy[matchThreshold=" + matchThreshold + ", " + costs + "]";
    }
}
