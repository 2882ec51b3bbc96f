package io.aibrix.autoscaler.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The scaled workload: a Deployment, a StatefulSet, a custom resource with roles, or a local engine fleet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScaleTargetRef(String apiVersion, String kind, String name) {
}
