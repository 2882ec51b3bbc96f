package io.aibrix.gateway.routing.vtc;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.Decision;
import io.aibrix.gateway.routing.PodScorer;
import io.aibrix.gateway.routing.PostRouteHook;
import io.aibrix.gateway.routing.RoutingFeedback;
import io.aibrix.gateway.routing.RoutingRequest;
import io.aibrix.gateway.routing.RoutingStrategy;

import org.springframework.lang.Nullable;

/**
 * {@code vtc-basic}: the Virtual Token Counter (Sheng et al., OSDI'24) adapted from scheduling to routing.
 *
 * <p>VTC serves, among clients with queued work, the one with the smallest counter of weighted tokens received. A
 * gateway cannot reorder the queues inside engines, but it chooses which queue each request joins; the adaptation maps
 * VTC's serving order onto the engines' load order. The least-served active user joins the shortest queue; a user far
 * ahead of the others joins the longer queues, where its requests wait mostly behind its own earlier ones instead of
 * spreading over every engine and slowing everybody's batches.
 *
 * <p><b>Score</b> (lower is better; the minimum wins, ties go to the first candidate in the shuffled order). For the
 * request's user u and candidate i with q_i requests in flight from this gateway, n candidates and mean load q̄:
 * <pre>
 *   score_i = fairnessWeight · |r_i − p_u| + utilisationWeight · q_i / (q̄ + 1)
 *   r_i = #{j : q_j &lt; q_i} / (n − 1)          load rank, 0 = least loaded (0 when n = 1)
 *   p_u = (c_u − c_min) / c_max                 fairness position over the active users and u, in [0, 1)
 * </pre>
 * with c the users' windowed counters ({@link VirtualTokenCounters}, lift included). p_u is 0 for the least-served
 * active user and near 1 for a user far above it; it is scale-free, so two users with similar counters are treated
 * alike however large the counters are. The utilisation term is measured in units of the mean load (+1 so an idle fleet
 * does not divide by 0): with both weights 1, a user at p_u ≈ 1 keeps consolidating onto the busiest engine only until
 * that engine carries about one mean load more than the idlest one, then spills over, so consolidation never starves
 * heavy users of capacity. Both terms are monotone in q for p_u = 0, so the least-served user always gets the least
 * loaded engine.
 *
 * <p>Why not AIBrix's formula: it ranks engines by their position in the pod list rather than by load, and buckets
 * users by absolute token counts, so the same user lands on a different share of the fleet as the fleet or the traffic
 * grows (and its documentation and code disagree on the formula). Why no randomness: ties are already broken by the
 * router's shuffle, and the scores then match what the debug header shows.
 *
 * <p><b>No user</b> (none given, or blank): p = 0, so the score orders engines exactly as {@code least-request} does.
 * Not random as in AIBrix: anonymous traffic then still balances load (random routing has far worse tail latency than
 * least-request at the same load) and does not crowd the engines the fairness term keeps light for light users.
 *
 * <p><b>Counting.</b> After routing, the user is charged an estimate: inputWeight × prompt tokens + outputWeight ×
 * expected completion tokens (min({@code max_tokens}, cap), or the default when unset). When the request ends,
 * {@link #onFinished} replaces the estimate by the engine's reported usage; a part the engine did not report keeps its
 * estimate, except that a failed request without usage is charged no completion tokens.
 */
final class VtcRoutingStrategy implements RoutingStrategy, PodScorer, PostRouteHook, RoutingFeedback {

    static final String NAME = "vtc-basic";

    private final VirtualTokenCounters counters;

    private final VtcProperties properties;

    VtcRoutingStrategy(VirtualTokenCounters counters, VtcProperties properties) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision route(RoutingRequest request, List<Candidate> candidates) {
        double[] scores = scoreAll(request, candidates);
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] < scores[best]) {
                best = i;
            }
        }
        return Decision.of(candidates.get(best).endpoint());
    }

    @Override
    public double[] scoreAll(RoutingRequest request, List<Candidate> candidates) {
        int n = candidates.size();
        String user = user(request);
        double position = user == null ? 0 : counters.position(user);
        int[] loads = new int[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            loads[i] = Math.max(0, candidates.get(i).inFlight());
            sum += loads[i];
        }
        double unit = (double) sum / n + 1;
        int[] sorted = loads.clone();
        Arrays.sort(sorted);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            double rank = n == 1 ? 0 : (double) below(sorted, loads[i]) / (n - 1);
            scores[i] = properties.fairnessWeight() * Math.abs(rank - position)
                    + properties.utilisationWeight() * loads[i] / unit;
        }
        return scores;
    }

    @Override
    public double score(RoutingRequest request, Candidate candidate) {
        return scoreAll(request, List.of(candidate))[0];
    }

    @Override
    public Polarity polarity() {
        return Polarity.LOWER_IS_BETTER;
    }

    @Override
    public void afterRoute(RoutingRequest request, Candidate chosen, Map<String, String> responseHeaders) {
        String user = user(request);
        if (user != null) {
            counters.admit(request, user, (long) properties.inputWeight() * Math.max(0, request.promptTokens()),
                    (long) properties.outputWeight() * expectedOutputTokens(request));
        }
    }

    @Override
    public void onFinished(RoutingRequest request, Endpoint target, long promptTokens, long completionTokens,
            boolean succeeded) {
        if (user(request) == null) {
            return;
        }
        long prompt = promptTokens >= 0 ? properties.inputWeight() * promptTokens : -1;
        long output = completionTokens >= 0 ? properties.outputWeight() * completionTokens : succeeded ? -1 : 0;
        counters.settle(request, prompt, output);
    }

    /** Completion tokens to expect until usage is known: {@code max_tokens} capped, or the default when unset. */
    long expectedOutputTokens(RoutingRequest request) {
        int expected = request.maxTokens() >= 0 ? request.maxTokens() : properties.defaultOutputTokens();
        return Math.min(expected, properties.maxOutputEstimate());
    }

    private static @Nullable String user(RoutingRequest request) {
        String user = request.user();
        return user == null || user.isBlank() ? null : user;
    }

    /** How many of {@code sorted} are strictly below {@code value}. */
    private static int below(int[] sorted, int value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            }
            else {
                high = mid;
            }
        }
        return low;
    }

    @Override
    public String toString() {
        return "VtcRoutingStrategy[" + properties + "]";
    }
}
