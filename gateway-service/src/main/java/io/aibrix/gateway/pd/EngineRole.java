package io.aibrix.gateway.pd;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.routing.Candidate;

/** What an engine does in disaggregated serving, from its discovered {@link Endpoint#role()}. */
enum EngineRole {

    PREFILL, DECODE,

    /** No role, or one pd does not know: the engine prefills and decodes its own requests (AIBrix's "combined"). */
    COMBINED;

    static EngineRole of(Endpoint endpoint) {
        String role = endpoint.role();
        if ("prefill".equalsIgnoreCase(role)) {
            return PREFILL;
        }
        return "decode".equalsIgnoreCase(role) ? DECODE : COMBINED;
    }

    static EngineRole of(Candidate candidate) {
        return of(candidate.endpoint());
    }
}
