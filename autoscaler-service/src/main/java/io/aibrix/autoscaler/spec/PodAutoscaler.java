package io.aibrix.autoscaler.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One PodAutoscaler ({@code autoscaling.aibrix.ai/v1alpha1}), the same document on Kubernetes (a custom resource)
 * and through the local REST API.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodAutoscaler(String apiVersion, String kind, ObjectMeta metadata, PodAutoscalerSpec spec,
        PodAutoscalerStatus status) {

    public static final String API_VERSION = "autoscaling.aibrix.ai/v1alpha1";
    public static final String KIND = "PodAutoscaler";

    public PodAutoscaler {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
    }

    public PodAutoscaler withStatus(PodAutoscalerStatus newStatus) {
        return new PodAutoscaler(apiVersion, kind, metadata, spec, newStatus);
    }

    /** {@code namespace/name}, the key of the object everywhere in the service. */
    public String key() {
        return metadata.namespace() + "/" + metadata.name();
    }
}
