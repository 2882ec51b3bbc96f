package io.aibrix.lora.metadata;

import java.util.List;

import org.springframework.lang.Nullable;

/** One engine of {@code GET /v1/registry/endpoints}. */
public record RegistryEndpoint(String name, String host, int port, @Nullable String role, boolean ready,
        List<String> models) {

    public RegistryEndpoint {
        models = models == null ? List.of() : List.copyOf(models);
    }
}
