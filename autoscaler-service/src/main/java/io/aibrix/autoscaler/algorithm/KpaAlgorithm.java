package io.aibrix.autoscaler.algorithm;

import java.time.Instant;

import io.aibrix.autoscaler.spec.ScalingParameters;

/**
 * Knative's Pod Autoscaler as AIBrix configures it. The replicas a window asks for are {@code ceil(total / target)}
 * unless the load per ready pod lies within the tolerance band around the target, in which case the current scale
 * stays. Each is clamped to {@code [floor(ready / maxScaleDownRate), max(1, ceil(maxScaleUpRate * ready))]}.
 *
 * <p>Panic mode starts when the panic window asks for at least {@code panicThreshold} times the ready pods, and ends a
 * full stable window after that last happened. While it lasts the scale is the larger of both windows' and never
 * drops below the highest scale panic mode has set (the hold is kept in {@link PanicState}).
 */
public final class KpaAlgorithm implements ScalingAlgorithm {

    public static final String NAME = "KPA";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Recommendation recommend(ScalingInput in, PanicState panic) {
        ScalingParameters p = in.parameters();
        int ready = in.readyPods();
        int maxUp = (int) Math.max(1, Math.ceil(p.maxScaleUpRate() * ready));
        int maxDown = (int) Math.floor(ready / p.maxScaleDownRate());
        int stable = clamp(wanted(in.stableTotal(), in), maxDown, maxUp);
        int burst = clamp(wanted(in.panicTotal(), in), maxDown, maxUp);

        double panicRatio = Math.ceil(in.panicTotal() / in.target()) / Math.max(1, ready);
        boolean triggered = panicRatio >= p.panicThreshold();
        Instant now = in.now();
        PanicState state = panic;
        if (triggered) {
            state = new PanicState(now, panic == null ? 0 : panic.heldReplicas());
        }
        else if (panic != null && !now.isBefore(panic.lastTriggered().plus(in.stableWindow()))) {
            state = null;
        }
        if (state == null) {
            return new Recommendation(stable, null, "stable window " + format(in.stableTotal()) + " for target "
                    + format(in.target()) + " per pod");
        }
        int desired = Math.max(stable, burst);
        String reason = "panic: panic window " + format(in.panicTotal()) + " for target " + format(in.target())
                + " per pod";
        if (desired < state.heldReplicas()) {
            desired = state.heldReplicas();
            reason = "panic: holding " + desired + " replicas";
        }
        return new Recommendation(desired, new PanicState(state.lastTriggered(), desired), reason);
    }

    /** {@code ceil(total / target)}, or the current scale when the per-pod load is within the tolerance band. */
    private static int wanted(double total, ScalingInput in) {
        ScalingParameters p = in.parameters();
        double perPod = total / Math.max(1, in.readyPods());
        boolean within = in.readyPods() > 0 && perPod >= in.target() * (1 - p.scaleDownTolerance())
                && perPod <= in.target() * (1 + p.scaleUpTolerance());
        return within ? in.currentScale() : (int) Math.ceil(total / in.target());
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.2f", value);
    }
}
