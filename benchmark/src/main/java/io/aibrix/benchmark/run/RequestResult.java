package io.aibrix.benchmark.run;

import java.util.List;

import io.aibrix.benchmark.workload.RequestTags;

/**
 * One request's measurements. Times are seconds since the start of the run; latencies are seconds. TTFT is measured
 * from the actual send to the first non-empty content token, TPOT = (E2E − TTFT) / (completionTokens − 1).
 * Token counts come from the engine's usage chunk (completion tokens fall back to content chunks counted).
 * {@code error} is null exactly when the request succeeded; {@code httpStatus} is 0 when no response arrived.
 */
public record RequestResult(
        long id,
        RequestTags tags,
        String targetPod,
        double intendedSendSeconds,
        double actualSendSeconds,
        double endSeconds,
        Double ttftSeconds,
        Double tpotSeconds,
        Double e2eSeconds,
        List<Double> interTokenSeconds,
        int promptTokens,
        int completionTokens,
        int cachedTokens,
        int httpStatus,
        String error) {

    public RequestResult {
        interTokenSeconds = List.copyOf(interTokenSeconds);
    }

    /** A request that failed before producing any measurement, e.g. an executor bug. */
    public static RequestResult failed(Dispatch dispatch, long nowNanos, String targetPod, String error) {
        double now = dispatch.secondsSinceStart(nowNanos);
        return new RequestResult(dispatch.id(), dispatch.spec().tags(), targetPod,
                dispatch.secondsSinceStart(dispatch.intendedNanos()), now, now, null, null, null, List.of(), 0, 0, 0,
                0, error);
    }

    public boolean succeeded() {
        return error == null;
    }

    /** How late the client sent the request compared with its schedule, in seconds. */
    public double dispatchLagSeconds() {
        return actualSendSeconds - intendedSendSeconds;
    }
}
