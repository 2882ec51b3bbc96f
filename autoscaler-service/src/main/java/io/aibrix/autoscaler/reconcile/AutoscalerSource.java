package io.aibrix.autoscaler.reconcile;

import java.util.List;

import io.aibrix.autoscaler.spec.PodAutoscaler;
import io.aibrix.autoscaler.spec.PodAutoscalerStatus;
import io.aibrix.autoscaler.store.StoredAutoscaler;

/** Where PodAutoscaler objects live: the local database or the Kubernetes API. */
public interface AutoscalerSource {

    List<StoredAutoscaler> list();

    /** Writes the status back; an object deleted meanwhile is left alone. */
    void writeStatus(PodAutoscaler autoscaler, PodAutoscalerStatus status);
}
