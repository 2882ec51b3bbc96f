package io.aibrix.gateway.pd;

import java.time.Instant;
import java.util.Map;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.enginestats.EngineMetrics;
import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.RoutingRequest;

import org.springframework.lang.Nullable;

/** Candidates and requests shared by the pd tests. */
final class PdFixtures {

    private static final Instant SCRAPED_AT = Instant.parse("2025-06-01T12:00:00Z");

    private static final double U = Double.NaN;

    private PdFixtures() {
    }

    static Endpoint endpoint(String host, @Nullable String role) {
        return new Endpoint(host, host, 8000, 8000, role, true);
    }

    /** An engine with unknown metrics. */
    static Candidate engine(String host, @Nullable String role, int inFlight) {
        return new Candidate(endpoint(host, role), inFlight, EngineMetrics.unknown());
    }

    /** An engine that reported running and waiting requests and its KV cache usage (a fraction). */
    static Candidate engine(String host, @Nullable String role, int inFlight, double running, double waiting,
            double kvUsage) {
        EngineMetrics metrics = new EngineMetrics(running, waiting, kvUsage, U, U, U, U, U, U, U, U, U, U, U,
                SCRAPED_AT);
        return new Candidate(endpoint(host, role), inFlight, metrics);
    }

    static Candidate prefill(String host, int inFlight) {
        return engine(host, "prefill", inFlight);
    }

    static Candidate decode(String host, int inFlight) {
        return engine(host, "decode", inFlight);
    }

    static Candidate combined(String host, int inFlight) {
        return engine(host, null, inFlight);
    }

    static RoutingRequest request() {
        return request(Map.of());
    }

    static RoutingRequest request(Map<String, String> headers) {
        return new RoutingRequest("req-1", "llama", "a long shared prompt", 3000, 100, true, null, headers);
    }
}
