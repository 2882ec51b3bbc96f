package io.aibrix.gateway.pd;

import java.util.List;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.RoutingRequest;

/**
 * What a prefix-cache index knows about where a prompt's prefix is cached, so {@code pd} sends a prefill where part of
 * it is already computed. Declare one bean of this type (an adapter over the prefix index) to enable it; without one,
 * prefill engines are chosen by load alone. Implementations must be thread-safe and must not block.
 */
public interface PrefixAffinity {

    /** No index: nothing is known to be cached anywhere. */
    PrefixAffinity NONE = new PrefixAffinity() {

        @Override
        public double[] cachedShares(RoutingRequest request, List<Candidate> candidates) {
            return new double[candidates.size()];
        }

        @Override
        public void prefilled(RoutingRequest request, Endpoint engine) {
        }
    };

    /**
     * The share of the request's prompt, in [0, 1], each candidate is believed to hold in its prefix cache (the
     * longest cached prefix over the prompt's length), aligned with {@code candidates}; 0 or NaN when unknown.
     * {@code request} carries no prompt token IDs.
     */
    double[] cachedShares(RoutingRequest request, List<Candidate> candidates);

    /** The request's prefill is being sent to {@code engine}, which will then cache its prefix (optimistic update). */
    void prefilled(RoutingRequest request, Endpoint engine);
}
