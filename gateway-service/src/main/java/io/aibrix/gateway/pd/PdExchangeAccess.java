package io.aibrix.gateway.pd;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.openai.InferenceRequest;

import org.springframework.lang.Nullable;
import org.springframework.web.server.ServerWebExchange;

/**
 * What {@link PdPrefillFilter} needs from the proxy, which owns the request lifecycle and keeps its types to itself:
 * the accepted request, its body, the per-engine in-flight counts and circuit breakers, and its error answers. The
 * proxy implements it; implementations never block.
 */
public interface PdExchangeAccess {

    /** The request the proxy accepted on this exchange, or null when it has none (not an inference exchange). */
    @Nullable AcceptedRequest accepted(ServerWebExchange exchange);

    /** The exchange forwarding {@code body} instead of the client's bytes, on every attempt. */
    ServerWebExchange withBody(ServerWebExchange exchange, byte[] body);

    /** The engine of the exchange's current attempt, or null before routing. */
    @Nullable Endpoint target(ServerWebExchange exchange);

    /** Requests this gateway has in flight on the engine. */
    int inFlight(Endpoint endpoint);

    /** Whether the engine's circuit breaker lets calls through (takes no permission). */
    boolean admits(Endpoint endpoint);

    /**
     * Starts one call to an engine: counts it in the engine's (and the model's) in-flight requests and takes a circuit
     * breaker permission, both held until the call ends. Null when the breaker refuses the call.
     */
    @Nullable EngineCall call(Endpoint endpoint, String model);

    /** The exception the proxy answers with 503 {@code service_unavailable} and this message. */
    RuntimeException unavailable(String message);

    /**
     * A request the proxy accepted.
     *
     * @param requestId the gateway's request ID
     * @param strategy  the routing strategy specification it is routed with
     * @param request   what the proxy read from the body
     * @param body      the body's bytes, as the client sent them; not to be modified
     */
    record AcceptedRequest(String requestId, String strategy, InferenceRequest request, byte[] body) {
    }

    /** One engine call in progress; the first of these methods ends it, later calls do nothing. */
    interface EngineCall {

        /** The engine answered (whatever the answer): its breaker records a success. */
        void succeeded();

        /** The engine failed (unreachable, 5xx, timed out): its breaker records a failure. */
        void failed(Throwable cause);

        /** The call was given up before an answer (the client went away): nothing is recorded. */
        void abandoned();
    }
}
