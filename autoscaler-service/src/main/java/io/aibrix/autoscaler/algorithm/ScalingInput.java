package io.aibrix.autoscaler.algorithm;

import java.time.Instant;

import io.aibrix.autoscaler.spec.ScalingParameters;

/**
 * What a decision sees.
 *
 * @param currentScale the replicas the target has now (ready or not)
 * @param readyPods    the pods serving now; the rate limits are relative to these
 * @param stableTotal  the target's total of the metric over the stable window
 * @param panicTotal   the target's total over the panic window (KPA only)
 * @param target       what one pod should carry ({@code targetValue})
 * @param stableWindow length of the stable window, after which KPA leaves panic mode
 * @param parameters   rates, tolerances, panic threshold
 * @param now          the decision's time
 */
public record ScalingInput(int currentScale, int readyPods, double stableTotal, double panicTotal, double target,
        java.time.Duration stableWindow, ScalingParameters parameters, Instant now) {

    public ScalingInput {
        if (!(target > 0)) {
            throw new IllegalArgumentException("target must be positive but was " + target);
        }
    }
}
