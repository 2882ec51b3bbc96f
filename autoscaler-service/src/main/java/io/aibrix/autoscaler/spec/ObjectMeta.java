package io.aibrix.autoscaler.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The part of Kubernetes object metadata the autoscaler reads; the namespace defaults to {@code default}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectMeta(String name, String namespace, Map<String, String> annotations, Long generation) {

    public ObjectMeta {
        namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
