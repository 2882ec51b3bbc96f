package io.aibrix.autoscaler.algorithm;

import io.aibrix.autoscaler.spec.ScalingParameters;

/**
 * AIBrix's APA: with {@code r} the load per ready pod over the target, nothing changes while
 * {@code 1 - scaleDownTolerance <= r <= 1 + scaleUpTolerance}. Above, the scale grows to what the load needs,
 * {@code ceil(total / target)}, but at most to {@code ceil(maxScaleUpRate * current)}; below, it shrinks to what the
 * load needs but at least to {@code floor(current / maxScaleDownRate)}.
 */
public final class ApaAlgorithm implements ScalingAlgorithm {

    public static final String NAME = "APA";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Recommendation recommend(ScalingInput in, PanicState panic) {
        ScalingParameters p = in.parameters();
        int current = in.currentScale();
        double perPod = in.stableTotal() / Math.max(1, in.readyPods());
        double ratio = perPod / in.target();
        int needed = (int) Math.ceil(in.stableTotal() / in.target());
        String load = "load " + KpaAlgorithm.format(perPod) + " per pod for target " + KpaAlgorithm.format(in.target());
        if (ratio > 1 + p.scaleUpTolerance()) {
            int limit = (int) Math.ceil(p.maxScaleUpRate() * Math.max(1, current));
            return new Recommendation(Math.min(needed, limit), null, load + " above tolerance");
        }
        if (ratio < 1 - p.scaleDownTolerance()) {
            int limit = (int) Math.floor(current / p.maxScaleDownRate());
            return new Recommendation(Math.max(needed, limit), null, load + " below tolerance");
        }
        return new Recommendation(current, null, load + " within tolerance");
    }
}
