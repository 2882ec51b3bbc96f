package io.aibrix.gateway.routing;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs post-route hooks so that one failing hook neither fails the request nor skips the others. */
final class PostRouteHooks {

    private static final Logger log = LoggerFactory.getLogger(PostRouteHooks.class);

    private PostRouteHooks() {
    }

    static void run(PostRouteHook hook, RoutingRequest request, Candidate chosen, Map<String, String> responseHeaders) {
        try {
            hook.afterRoute(request, chosen, responseHeaders);
        }
        catch (RuntimeException ex) {
            log.warn("Post-route hook {} failed for request {}", hook, request.requestId(), ex);
        }
    }
}
