package io.aibrix.lora.discovery;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.aibrix.lora.engine.EngineTarget;
import io.aibrix.lora.metadata.MetadataClient;
import io.aibrix.lora.metadata.RegistryEndpoint;

/**
 * Engines registered with metadata-service ({@code GET /v1/registry/endpoints}), for runs without Kubernetes. The
 * labels an engine registered with stand in for pod labels, so adapters' pod selectors work as on Kubernetes; an
 * engine with a prefill or decode role also carries it as {@value #ROLE}, as its pod would.
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
        Map<String, String> labels = new HashMap<>(endpoint.labels());
        if (endpoint.role() != null) {
            labels.put(ROLE, endpoint.role());
        }
        return new EngineTarget(endpoint.name(), URI.create("http://" + host + ":" + endpoint.port()), labels,
                endpoint.ready());
    }
}
