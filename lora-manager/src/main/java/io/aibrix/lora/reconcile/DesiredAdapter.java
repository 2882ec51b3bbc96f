package io.aibrix.lora.reconcile;

import java.util.Map;

import org.springframework.lang.Nullable;

/**
 * An adapter as metadata-service describes it: the desired state and the status last recorded.
 *
 * @param podSelector      labels an engine must carry; empty = every engine of the base model
 * @param replicas         how many engines to load it on; {@code null} = every candidate
 * @param schedulingPolicy a {@link PlacementPolicy} name
 * @param generation       incremented by every spec change
 */
public record DesiredAdapter(String name, String baseModel, String artifactUrl, Map<String, String> podSelector,
        @Nullable Integer replicas, String schedulingPolicy, long generation, AdapterStatus status) {

    public DesiredAdapter {
        podSelector = podSelector == null ? Map.of() : Map.copyOf(podSelector);
        schedulingPolicy = schedulingPolicy == null ? LeastAdaptersPolicy.NAME : schedulingPolicy;
        status = status == null ? AdapterStatus.INITIAL : status;
    }

    /** What the engine is asked to load: hub ids without their scheme, file URLs as paths, the rest as given. */
    public String loraPath() {
        for (String scheme : new String[] {"huggingface://", "hf://", "file://"}) {
            if (artifactUrl.startsWith(scheme)) {
                return artifactUrl.substring(scheme.length());
            }
        }
        return artifactUrl;
    }
}
