package io.aibrix.gateway.routing;

import java.util.Map;
import java.util.Objects;

import io.aibrix.gateway.endpoint.Endpoint;

/**
 * The outcome of routing one request.
 *
 * @param target          the chosen engine
 * @param responseHeaders headers to add to the client's response (e.g. {@code x-session-id}); lower-case names
 */
public record Decision(Endpoint target, Map<String, String> responseHeaders) {

    public Decision {
        Objects.requireNonNull(target, "target");
        responseHeaders = Map.copyOf(responseHeaders);
    }

    public static Decision of(Endpoint target) {
        return new Decision(target, Map.of());
    }
}
