package io.aibrix.gateway.routing;

import java.util.List;

/**
 * Picks one engine for a request. Implementations are plain Java (clock and random source injected), registered as
 * beans and looked up by {@link #name()} from the {@code routing-strategy} header or the configured default.
 *
 * <p>Strategies that can be combined with weights ({@code "least-request:2,least-kv-cache"}) also implement
 * {@link PodScorer}; strategies that must learn from their decision (indexing, response headers) implement
 * {@link PostRouteHook}.
 */
public interface RoutingStrategy {

    /** The header value that selects this strategy, e.g. {@code least-request}. */
    String name();

    /**
     * Chooses the target. {@code candidates} is non-empty, holds only ready engines that may take traffic, and is
     * already in random order, so "first of the best" is a fair tie-break.
     */
    Decision route(RoutingRequest request, List<Candidate> candidates);

    /**
     * Whether this strategy wants {@link RoutingRequest#promptTokenIds()}: the gateway then asks an engine to tokenize
     * the prompt before routing (one extra round trip), and routes without token IDs when that fails.
     */
    default boolean needsPromptTokens() {
        return false;
    }
}
