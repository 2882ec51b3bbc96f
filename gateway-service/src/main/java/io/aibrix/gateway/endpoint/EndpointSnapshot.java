package io.aibrix.gateway.endpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which engines serve which model at one moment, as one {@link EndpointSource} sees it. Immutable; a source publishes a
 * whole new snapshot on every change.
 *
 * <p>A model stays known while it has any endpoint, ready or not, so the gateway can tell "unknown model" (404) from
 * "known model with no ready engine" (503). One engine may serve several models (a base model and its LoRA adapters).
 */
public record EndpointSnapshot(Map<String, List<Endpoint>> byModel) {

    public static final EndpointSnapshot EMPTY = new EndpointSnapshot(Map.of());

    public EndpointSnapshot {
        Map<String, List<Endpoint>> copy = new LinkedHashMap<>();
        byModel.forEach((model, endpoints) -> copy.put(model, List.copyOf(endpoints)));
        byModel = Collections.unmodifiableMap(copy);
    }

    public boolean serves(String model) {
        return byModel.containsKey(model);
    }

    /** Every endpoint of the model, ready or not; empty for an unknown model. */
    public List<Endpoint> endpoints(String model) {
        return byModel.getOrDefault(model, List.of());
    }

    /** The model's endpoints that may receive traffic. */
    public List<Endpoint> readyEndpoints(String model) {
        List<Endpoint> all = endpoints(model);
        List<Endpoint> ready = new ArrayList<>(all.size());
        for (Endpoint endpoint : all) {
            if (endpoint.ready()) {
                ready.add(endpoint);
            }
        }
        return ready;
    }

    public Set<String> models() {
        return byModel.keySet();
    }

    /** Each engine once (by {@link Endpoint#address()}), ready or not, in first-seen order. */
    public Collection<Endpoint> distinctEndpoints() {
        Map<String, Endpoint> byAddress = new LinkedHashMap<>();
        byModel.values().forEach(list -> list.forEach(e -> byAddress.putIfAbsent(e.address(), e)));
        return Collections.unmodifiableCollection(byAddress.values());
    }
}
