package io.aibrix.lora.metadata;

import java.util.List;
import java.util.Map;

import org.springframework.lang.Nullable;

/** One engine of {@code GET /v1/registry/endpoints}; {@code labels} are the ones it registered with. */
public record RegistryEndpoint(String name, String host, int port, @Nullable String role, boolean ready,
        List<String> models, Map<String, String> labels) {

    public RegistryEndpoint {
        models = models == null ? List.of() : List.copyOf(models);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
