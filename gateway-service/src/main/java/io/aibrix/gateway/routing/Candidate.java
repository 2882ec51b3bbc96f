package io.aibrix.gateway.routing;

import java.util.Objects;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.enginestats.EngineMetrics;

/**
 * A ready engine that may take the request, with the live state routing scores it by.
 *
 * @param endpoint the engine
 * @param inFlight requests this gateway has routed to the engine and not yet finished (its own count, never stale)
 * @param metrics  what the engine last reported; {@link EngineMetrics#unknown()} when unknown or stale
 */
public record Candidate(Endpoint endpoint, int inFlight, EngineMetrics metrics) {

    public Candidate {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(metrics, "metrics");
    }
}
