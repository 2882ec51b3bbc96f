package io.aibrix.benchmark.report;

import java.util.List;

import io.aibrix.benchmark.run.RequestResult;

/** One line of {@code requests.jsonl}: a {@link RequestResult} flattened, with its warmup flag and dispatch lag. */
record RequestRow(long id, Integer group, Integer session, Integer turn, String userClass, boolean warmup,
        String targetPod, int httpStatus, boolean success, String error, double intendedSendSeconds,
        double actualSendSeconds, double dispatchLagSeconds, double endSeconds, Double ttftSeconds,
        Double tpotSeconds, Double e2eSeconds, int promptTokens, int completionTokens, int cachedTokens,
        List<Double> interTokenSeconds) {

    static RequestRow of(RequestResult r, double warmupSeconds) {
        return new RequestRow(r.id(), r.tags().group(), r.tags().session(), r.tags().turn(), r.tags().userClass(),
                SummaryCalculator.isWarmup(r, warmupSeconds), r.targetPod(), r.httpStatus(), r.succeeded(), r.error(),
                r.intendedSendSeconds(), r.actualSendSeconds(), r.dispatchLagSeconds(), r.endSeconds(),
                r.ttftSeconds(), r.tpotSeconds(), r.e2eSeconds(), r.promptTokens(), r.completionTokens(),
                r.cachedTokens(), r.interTokenSeconds());
    }
}
