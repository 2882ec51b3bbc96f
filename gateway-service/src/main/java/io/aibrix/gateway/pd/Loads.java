package io.aibrix.gateway.pd;

import io.aibrix.gateway.enginestats.EngineMetrics;
import io.aibrix.gateway.routing.Candidate;

/** The load measures pd scores engines by; engine-reported values that are unknown (NaN) count as 0. */
final class Loads {

    private Loads() {
    }

    /**
     * A prefill engine's load: the prefills this gateway has in flight there plus the requests the engine reports
     * waiting (which also counts other gateways' prefills).
     */
    static double prefill(Candidate candidate) {
        return candidate.inFlight() + known(candidate.metrics().waitingRequests());
    }

    /**
     * A decode engine's load in requests: this gateway's in-flight count (never stale), or the engine's running plus
     * waiting requests when that is higher (other gateways' requests, or ones this gateway's count has not seen).
     */
    static double decode(Candidate candidate) {
        EngineMetrics metrics = candidate.metrics();
        return Math.max(candidate.inFlight(), known(metrics.runningRequests()) + known(metrics.waitingRequests()));
    }

    static double known(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
