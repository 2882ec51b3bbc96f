package io.aibrix.autoscaler.api;

import java.util.List;

import io.aibrix.autoscaler.spec.PodAutoscaler;

/** A list response, as Kubernetes shapes one. */
record PodAutoscalerList(String apiVersion, String kind, List<PodAutoscaler> items) {

    static PodAutoscalerList of(List<PodAutoscaler> items) {
        return new PodAutoscalerList(PodAutoscaler.API_VERSION, "PodAutoscalerList", items);
    }
}
