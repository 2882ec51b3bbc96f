package io.aibrix.gateway.routing;

import java.util.Objects;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.enginestats.EngineMetrics;

/**
 * A ready engine that may take the request, with the live state routing scores it by.
 *
 * @param endpoint   the engine
 * @param inFlight   requests this gateway has routed to the engine and not yet finished (its own count, never stale)
 * @param prefilling of those, the ones still waiting for their first token (queued or prefilling), at most
 *                   {@code inFlight}
 * @param metrics    what the engine last reported; {@link EngineMetrics#unknown()} when unknown or stale
 */
public record Candidate(Endpoint endpoint, int inFlight, int prefilling, EngineMetrics metrics) {

    public Candidate {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(metrics, "metrics");
        if (prefilling < 0 || prefilling > Math.max(0, inFlight)) {
            throw new IllegalArgumentException("prefilling must be within [0, inFlight] but was " + prefilling
                    + " of " + inFlight);
        }
    }

    /** A candidate whose in-flight requests are not known to have started: all count as prefilling. */
    public Candidate(Endpoint endpoint, int inFlight, EngineMetrics metrics) {
        this(endpoint, inFlight, Math.max(0, inFlight), metrics);
    }
}
