package io.aibrix.gateway.routing.prefix;

import java.util.List;
import java.util.Set;

import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.RoutingRequest;

/**
 * Hashes a request's prompt, matches it against the index and applies the load guard, once per routing decision: the
 * strategy (or its scoring in a weighted combination) and its post-route hook run on the same thread within one
 * {@code Router.route} call, so the evaluation is kept in a thread-local slot between the two and dropped by
 * {@link #finish}. A retry on the same request re-matches (the candidates changed) but does not re-hash.
 */
final class PrefixMatcher {

    private final PromptHasher hasher;
    private final PrefixIndex index;
    private final LoadGuard guard;
    private final Recorder recorder;
    private final ThreadLocal<PrefixMatches> current = new ThreadLocal<>();

    PrefixMatcher(PromptHasher hasher, PrefixIndex index, LoadGuard guard) {
        this(hasher, index, guard, (address, hashes, workSeconds) -> { });
    }

    /** @param recorder told of every decision {@link #record} indexes (other gateway replicas learn from it) */
    PrefixMatcher(PromptHasher hasher, PrefixIndex index, LoadGuard guard, Recorder recorder) {
        this.hasher = hasher;
        this.index = index;
        this.guard = guard;
        this.recorder = recorder;
    }

    boolean usesTokenIds() {
        return hasher.usesTokenIds();
    }

    PrefixIndex index() {
        return index;
    }

    /** The request matched against exactly these candidates (the same list instance is answered from the slot). */
    PrefixMatches evaluate(RoutingRequest request, List<Candidate> candidates) {
        PrefixMatches last = current.get();
        if (last != null && last.request() == request && last.candidates() == candidates) {
            return last;
        }
        PromptBlocks blocks = last != null && last.request() == request ? last.blocks() : hasher.blocks(request);
        PrefixMatches matches = new PrefixMatches(request, blocks, candidates,
                index.match(blocks.hashes(), candidates), guard.overloaded(candidates));
        current.set(matches);
        return matches;
    }

    /** The request matched against one candidate, without the load guard; leaves the thread-local slot alone. */
    PrefixMatches evaluateAlone(RoutingRequest request, Candidate candidate) {
        PrefixMatches last = current.get();
        PromptBlocks blocks = last != null && last.request() == request ? last.blocks() : hasher.blocks(request);
        int matched = index.match(blocks.hashes(), candidate.endpoint().address());
        return new PrefixMatches(request, blocks, List.of(candidate), new int[] {matched}, new boolean[1]);
    }

    /**
     * The position of the lowest finite cost; equal costs go to the pod with the fewest indexed blocks (spreading
     * distinct prefixes over the engines' caches), then to the earlier candidate. At least one cost must be finite.
     */
    int cheapest(double[] costs, List<Candidate> candidates) {
        int best = -1;
        long bestFootprint = Long.MAX_VALUE;
        for (int i = 0; i < costs.length; i++) {
            if (!Double.isFinite(costs[i]) || best >= 0 && costs[i] > costs[best]) {
                continue;
            }
            long footprint = index.blocksHeld(candidates.get(i).endpoint().address());
            if (best < 0 || costs[i] < costs[best] || footprint < bestFootprint) {
                best = i;
                bestFootprint = footprint;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("No candidate has a finite cost");
        }
        return best;
    }

    /**
     * The evaluation the decision for {@code request} was made on, with {@code chosen} in it, and forgets it. Without
     * one (a hook run on its own) the chosen pod alone is matched.
     */
    PrefixMatches finish(RoutingRequest request, Candidate chosen) {
        PrefixMatches last = current.get();
        current.remove();
        if (last != null && last.request() == request && last.indexOf(chosen.endpoint().address()) >= 0) {
            return last;
        }
        return evaluateAlone(request, chosen);
    }

    /** Indexes every block of the prompt on the chosen pod. */
    void record(PromptBlocks blocks, Candidate chosen) {
        record(blocks, chosen, 0);
    }

    /** Indexes every block of the prompt on the chosen pod, which the decision gave {@code workSeconds} of work. */
    void record(PromptBlocks blocks, Candidate chosen, double workSeconds) {
        String address = chosen.endpoint().address();
        index.record(blocks.hashes(), address);
        recorder.recorded(address, blocks.hashes(), workSeconds);
    }

    void retainPods(Set<String> live) {
        index.retainPods(live);
    }

    /** Hears of each decision this replica indexes; runs on the routing thread. */
    @FunctionalInterface
    interface Recorder {

        void recorded(String address, long[] hashes, double workSeconds);
    }
}
