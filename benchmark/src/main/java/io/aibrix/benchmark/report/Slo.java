package io.aibrix.benchmark.report;

import io.aibrix.benchmark.run.RequestResult;

/**
 * Service-level objectives for goodput, seconds; a null bound is not checked. A request with a single output
 * token has no TPOT and passes the TPOT bound.
 */
public record Slo(Double ttftSeconds, Double tpotSeconds, Double e2eSeconds) {

    public static final Slo NONE = new Slo(null, null, null);

    public boolean isEmpty() {
        return ttftSeconds == null && tpotSeconds == null && e2eSeconds == null;
    }

    public boolean meets(RequestResult result) {
        return result.succeeded()
                && within(result.ttftSeconds(), ttftSeconds)
                && (result.tpotSeconds() == null || within(result.tpotSeconds(), tpotSeconds))
                && within(result.e2eSeconds(), e2eSeconds);
    }

    private static boolean within(Double value, Double bound) {
        return bound == null || (value != null && value <= bound);
    }
}
