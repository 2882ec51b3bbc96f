package io.aibrix.lora.discovery;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.aibrix.lora.engine.EngineTarget;
import io.aibrix.lora.metadata.MetadataClient;
import io.aibrix.lora.metadata.RegistryEndpoint;

/**
 * Engines registered with metadata-service ({@code GET /v1/registry/endpoints}), for runs without Kubernetes.
 * Registered engines carry no labels, so the only label they match on is {@value #ROLE} (their prefill or decode
 * role, when they have one); an adapter with any other pod selector finds no candidate among them.
 */
final class RegistryEngineSource implements EngineSource {

    static final String NAME = "registry";

    static final String ROLE = "role-name";

    private final MetadataClient metadata;

    RegistryEngineSource(MetadataClient metadata) {
        this.metadata = metadata;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<EngineTarget> engines() {
        return metadata.registry().stream().map(RegistryEngineSource::target).toList();
    }

    private static EngineTarget target(RegistryEndpoint endpoint) {
        String host = endpoint.host().contains(":") ? "[" + endpoint.host() + "]" : endpoint.host();
        Map<String, String> labels = endpoint.role() == null ? Map.of() : Map.of(ROLE, endpoint.role());
        return new EngineTarget(endpoint.name(), URI.create("http://" + host + ":" + endpoint.port()), labels,
                endpoint.ready());
    }
}
