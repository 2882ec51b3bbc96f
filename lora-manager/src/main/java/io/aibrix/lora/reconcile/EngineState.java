package io.aibrix.lora.reconcile;

import java.net.URI;
import java.util.Map;

import org.springframework.lang.Nullable;

/**
 * One engine as last observed: where it is (from the engine source) and what it serves (from its
 * {@code /v1/models}).
 *
 * @param name      the pod or registered endpoint name; what adapter status {@code instances} lists
 * @param labels    pod labels, matched against adapters' pod selectors
 * @param ready     the source says it may take traffic
 * @param reachable its {@code /v1/models} answered; when {@code false}, {@code baseModel} and {@code adapters}
 *                  are unknown and the engine is neither placed on nor unloaded from
 * @param baseModel the model card without a parent
 * @param adapters  loaded adapters, name to the path they were loaded from
 */
public record EngineState(String name, URI baseUri, Map<String, String> labels, boolean ready, boolean reachable,
        @Nullable String baseModel, Map<String, String> adapters) {

    public EngineState {
        labels = Map.copyOf(labels);
        adapters = Map.copyOf(adapters);
    }

    public static EngineState unreachable(String name, URI baseUri, Map<String, String> labels, boolean ready) {
        return new EngineState(name, baseUri, labels, ready, false, null, Map.of());
    }

    boolean serves(DesiredAdapter adapter) {
        return ready && reachable && adapter.baseModel().equals(baseModel)
                && labels.entrySet().containsAll(adapter.podSelector().entrySet());
    }
}
