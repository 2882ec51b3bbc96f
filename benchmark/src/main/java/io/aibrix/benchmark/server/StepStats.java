package io.aibrix.benchmark.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The simulator's {@code GET /admin/step-stats}: modelled vs measured engine step duration, milliseconds; the
 * tolerance behind {@code withinToleranceRatio} is max(5 %, 1 ms).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepStats(long steps, double modelledMsMean, double measuredMsMean, double absErrorMsMean,
        double absErrorMsP50, double absErrorMsP99, double absErrorMsMax, double withinToleranceRatio) {
}
