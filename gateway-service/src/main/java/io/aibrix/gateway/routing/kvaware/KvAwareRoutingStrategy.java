package io.aibrix.gateway.routing.kvaware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.enginestats.EngineMetrics;
import io.aibrix.gateway.kvevents.KvBlockIndex;
import io.aibrix.gateway.kvevents.PrefixOverlap;
import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.Decision;
import io.aibrix.gateway.routing.PodScorer;
import io.aibrix.gateway.routing.PostRouteHook;
import io.aibrix.gateway.routing.RoutingFeedback;
import io.aibrix.gateway.routing.RoutingRequest;
import io.aibrix.gateway.routing.RoutingStrategy;
import org.springframework.lang.Nullable;

/**
 * {@code kv-aware}: precise prefix-cache routing from what the engines actually cache, as their KV block events
 * report it ({@link KvBlockIndex}), rather than from what the gateway guesses from its own decisions. Dynamo's KV
 * router cost, in KV blocks, lowest wins:
 * <pre>
 * cost = overlapWeight × (prompt tokens − cached prompt tokens) / block size + requestLoadBlocks × load
 * </pre>
 * where the cached prompt tokens are the leading blocks of the prompt's engine token IDs the engine holds, or is
 * about to hold because this gateway just sent it a request with them ({@link PendingBlocks}), plus, when the IDs
 * are an earlier turn's prompt ({@link RoutingRequest#replyTokens()}), the blocks the engine holding all of them
 * stored right after them: the reply it generated, which this prompt repeats. Without those, the engine that served
 * the conversation would look better only by the last user message than one holding just its system prompt. And
 * <em>load</em> counts the requests on the engine: whole while they wait for their first token (a new prefill queues
 * behind theirs), a {@code decodingShare} of one once they produce tokens (they only share its steps); see
 * {@link #load}.
 *
 * <p>An engine whose feed is not live counts as holding nothing: it is still routable, by load. A request without
 * token IDs (the engine tokenizer failed) has the same prefill term everywhere, so it goes by load alone. Equal costs
 * go to the engine caching the fewest blocks (distinct cold prefixes spread over the caches), then to the first
 * candidate (the router shuffles them).
 *
 * <p>As a {@link PodScorer} (weighted combinations, routing debug headers) the score is that cost, lower is better.
 * The post-route hook counts the decision in the strategy's meters and marks the prompt's blocks pending on the
 * chosen engine until the request ends; the index itself learns from the engines alone.
 */
final class KvAwareRoutingStrategy implements RoutingStrategy, PodScorer, PostRouteHook, RoutingFeedback {

    static final String NAME = "kv-aware";

    /** vLLM's default, for sizing prompts on engines whose block size is unknown when no candidate's is known. */
    static final int DEFAULT_BLOCK_SIZE = 16;

    private static final double TIE_EPSILON = 1e-9;

    private final KvBlockIndex index;
    private final double overlapWeight;
    private final double requestLoadBlocks;
    private final double decodingShare;
    private final KvAwareMeters meters;
    private final PendingBlocks pending;

    /**
     * @param pending blocks routed but not reported yet; null to go by the engines' reports alone
     */
    KvAwareRoutingStrategy(KvBlockIndex index, double overlapWeight, double requestLoadBlocks,
            KvAwareMeters meters, @Nullable PendingBlocks pending) {
        this(index, overlapWeight, requestLoadBlocks, 1.0, meters, pending);
    }

    /**
     * @param decodingShare the share of {@code requestLoadBlocks} a request already producing tokens is charged, in
     *                      [0, 1]
     * @param pending       blocks routed but not reported yet; null to go by the engines' reports alone
     */
    KvAwareRoutingStrategy(KvBlockIndex index, double overlapWeight, double requestLoadBlocks, double decodingShare,
            KvAwareMeters meters, @Nullable PendingBlocks pending) {
        if (!(overlapWeight >= 0) || !(requestLoadBlocks >= 0)) {
            throw new IllegalArgumentException("overlapWeight and requestLoadBlocks must not be negative");
        }
        if (!(decodingShare >= 0 && decodingShare <= 1)) {
            throw new IllegalArgumentException("decodingShare must be within [0, 1] but was " + decodingShare);
        }
        this.index = index;
        this.overlapWeight = overlapWeight;
        this.requestLoadBlocks = requestLoadBlocks;
        this.decodingShare = decodingShare;
        this.meters = meters;
        this.pending = pending;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsPromptTokens() {
        return true;
    }

    @Override
    public Decision route(RoutingRequest request, List<Candidate> candidates) {
        double[] costs = scoreAll(request, candidates);
        int best = 0;
        int bestBlocks = index.cachedBlocks(address(candidates, 0));
        for (int i = 1; i < costs.length; i++) {
            if (costs[i] > costs[best] + TIE_EPSILON) {
                continue;
            }
            int blocks = index.cachedBlocks(address(candidates, i));
            if (costs[i] < costs[best] - TIE_EPSILON || blocks < bestBlocks) {
                best = i;
                bestBlocks = blocks;
            }
        }
        return Decision.of(candidates.get(best).endpoint());
    }

    /** Per candidate, its cost in KV blocks (lower is better). */
    @Override
    public double[] scoreAll(RoutingRequest request, List<Candidate> candidates) {
        List<String> addresses = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            addresses.add(candidate.endpoint().address());
        }
        int[] ids = request.promptTokenIds();
        int replyTokens = ids != null ? request.replyTokens() : 0;
        PrefixOverlap[] overlaps = index.overlaps(request.model(), ids, addresses, replyTokens);
        int fallbackBlockSize = DEFAULT_BLOCK_SIZE;
        for (PrefixOverlap overlap : overlaps) {
            if (overlap.known()) {
                fallbackBlockSize = overlap.blockSize();
                break;
            }
        }
        // The reply is part of the prompt too; whichever engine holds it, every engine's prompt is that long.
        int promptTokens = ids != null ? ids.length + replyTokens : request.promptTokens();
        double[] costs = new double[overlaps.length];
        PromptKeys keys = new PromptKeys(request);
        for (int i = 0; i < costs.length; i++) {
            PrefixOverlap overlap = overlaps[i];
            int blockSize = overlap.known() ? overlap.blockSize() : fallbackBlockSize;
            int cachedTokens = overlap.cachedTokens();
            if (pending != null && overlap.known()) {
                cachedTokens = blockSize * pending.extend(addresses.get(i), keys.of(blockSize),
                        overlap.cachedBlocks());
            }
            if (overlap.replyBlocks() > 0) {
                // The first reply block also holds the prompt's last, partial block: cap at what the reply can be.
                cachedTokens = Math.min(overlap.cachedTokens() + overlap.replyBlocks() * blockSize,
                        ids.length + replyTokens);
            }
            double prefillBlocks = (double) Math.max(0, promptTokens - cachedTokens) / blockSize;
            costs[i] = overlapWeight * prefillBlocks + requestLoadBlocks * load(candidates.get(i), decodingShare);
        }
        return costs;
    }

    @Override
    public double score(RoutingRequest request, Candidate candidate) {
        return scoreAll(request, List.of(candidate))[0];
    }

    @Override
    public Polarity polarity() {
        return Polarity.LOWER_IS_BETTER;
    }

    /** Counts the decision: how much of the prompt the chosen engine held, or why that was not known. */
    @Override
    public void afterRoute(RoutingRequest request, Candidate chosen, Map<String, String> responseHeaders) {
        int[] ids = request.promptTokenIds();
        if (ids == null) {
            meters.noPromptTokens();
            return;
        }
        String address = chosen.endpoint().address();
        PrefixOverlap overlap = index.overlap(request.model(), ids, address);
        if (!overlap.known()) {
            meters.feedUnknown();
            return;
        }
        meters.decided(overlap);
        if (pending != null) {
            pending.hold(request.requestId(), address, index.promptKeys(request.model(), ids, overlap.blockSize()));
        }
    }

    /** The request's blocks stop being pending on its engine once the grace period after its end is over. */
    @Override
    public void onFinished(RoutingRequest request, Endpoint target, long promptTokens, long completionTokens,
            boolean succeeded) {
        if (pending != null) {
            pending.release(request.requestId());
        }
    }

    /**
     * Requests on the engine, in units of a request that has not started: the ones waiting for their first token
     * count whole, since a new prompt's prefill queues behind theirs; the ones producing tokens count
     * {@code decodingShare}, since they only share the new prefill's steps. Each count is the larger of the gateway's
     * own (exact, real-time, this replica only) and the engine's report (every replica's, one scrape old): waiting
     * for the first kind, running + waiting for the total.
     */
    static double load(Candidate candidate, double decodingShare) {
        EngineMetrics metrics = candidate.metrics();
        double waiting = metrics.waitingRequests();
        double reported = metrics.runningRequests() + waiting;
        double total = Double.isFinite(reported) ? Math.max(candidate.inFlight(), reported) : candidate.inFlight();
        double starting = Double.isFinite(waiting) ? Math.max(candidate.prefilling(), waiting)
                : candidate.prefilling();
        starting = Math.min(starting, total);
        return starting + decodingShare * (total - starting);
    }

    /** The prompt's block keys, computed once per block size (engines of one model normally share one). */
    private final class PromptKeys {

        private final RoutingRequest request;
        private int blockSize;
        private long[] keys;

        PromptKeys(RoutingRequest request) {
            this.request = request;
        }

        long[] of(int size) {
            if (keys == null || blockSize != size) {
                keys = index.promptKeys(request.model(), request.promptTokenIds(), size);
                blockSize = size;
            }
            return keys;
        }
    }

    private static String address(List<Candidate> candidates, int i) {
        return candidates.get(i).endpoint().address();
    }

    @Override
    public String toString() {
        return "KvAwareRoutingStrategy[overlapWeight=" + overlapWeight + ", requestLoadBlocks=" + requestLoadBlocks
                + ", decodingShare=" + decodingShare + ", pending=" + (pending != null) + "]";
    }
}
