package io.aibrix.autoscaler.reconcile;

import io.aibrix.autoscaler.spec.PodAutoscaler;
import io.aibrix.autoscaler.spec.PodAutoscalerStatus;
import io.aibrix.autoscaler.spec.ScalingParameters;

/** Hands an HPA-strategy PodAutoscaler to Kubernetes' own HorizontalPodAutoscaler; only on Kubernetes. */
public interface HpaDelegate {

    /** Creates or updates the owned HPA and returns the status with its state mirrored. */
    PodAutoscalerStatus apply(PodAutoscaler autoscaler, ScalingParameters parameters, PodAutoscalerStatus status);
}
