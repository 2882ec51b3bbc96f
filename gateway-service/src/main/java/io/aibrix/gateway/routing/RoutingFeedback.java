package io.aibrix.gateway.routing;

import io.aibrix.gateway.endpoint.Endpoint;

/**
 * A strategy that learns from how its requests ended (for example the real token counts that replace the estimate it
 * charged at routing time). {@link Router#finished} calls it once per routed request, also when the strategy was one
 * member of a weighted combination. It runs on the thread that ends the request (often an event loop): it must not
 * block.
 */
public interface RoutingFeedback {

    /**
     * @param request          the request as it was routed (same {@link RoutingRequest#requestId()})
     * @param target           the engine of the last attempt
     * @param promptTokens     prompt tokens the engine reported, or -1 when it reported no usage
     * @param completionTokens completion tokens the engine reported, or -1 when it reported no usage
     * @param succeeded        whether the client got a complete non-error response
     */
    void onFinished(RoutingRequest request, Endpoint target, long promptTokens, long completionTokens,
            boolean succeeded);
}
