package io.aibrix.gateway.routing;

import java.util.Map;

/**
 * Runs after the final target is known, also when the strategy was one member of a weighted combination: a strategy
 * that keeps an index (prefix cache) records the decision here, and one that answers with headers (session affinity)
 * adds them.
 */
public interface PostRouteHook {

    /**
     * @param responseHeaders mutable; headers to add to the client's response, lower-case names
     */
    void afterRoute(RoutingRequest request, Candidate chosen, Map<String, String> responseHeaders);
}
