package io.aibrix.autoscaler.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The part of Kubernetes object metadata the autoscaler reads (labels, uid and the like are ignored); the namespace
 * defaults to {@code default}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectMeta(String name, String namespace, Map<String, String> annotations, Long generation) {

    public ObjectMeta {
        namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** The same without the generation, which the store and the API server own. */
    public ObjectMeta withoutGeneration() {
        return new ObjectMeta(name, namespace, annotations, null);
    }
}
