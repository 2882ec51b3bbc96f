package io.aibrix.gateway.discovery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointSnapshot;

import org.springframework.lang.Nullable;

/**
 * Body of metadata-service's {@code GET /v1/registry/endpoints} (docs/metadata-registry-contract.md). Unknown JSON
 * fields are ignored so the service can add fields without breaking older gateways.
 *
 * @param version   opaque; changes whenever the content changes (the ETag carries the same value)
 * @param endpoints every engine the registry knows, ready or not
 */
record RegistryDocument(@Nullable String version, @Nullable List<Engine> endpoints) {

    /**
     * One engine and every model it serves (base model and loaded LoRA adapters).
     *
     * @param metricsPort {@code null} = the serving port
     * @param role        {@code prefill}, {@code decode}, or {@code null} for both
     */
    record Engine(
            @Nullable String name,
            @Nullable String host,
            @Nullable Integer port,
            @Nullable Integer metricsPort,
            @Nullable String role,
            @Nullable Boolean ready,
            @Nullable List<String> models) {
    }

    /**
     * The snapshot this document describes, models and engines in document order. A document that breaks the
     * contract is refused whole ({@link IllegalArgumentException} naming the bad engine) rather than half-applied.
     */
    EndpointSnapshot toSnapshot() {
        if (endpoints == null) {
            throw new IllegalArgumentException("registry document has no 'endpoints' array");
        }
        Map<String, List<Endpoint>> byModel = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (int i = 0; i < endpoints.size(); i++) {
            Engine engine = endpoints.get(i);
            Endpoint endpoint = toEndpoint(engine, i);
            if (!names.add(endpoint.name())) {
                throw new IllegalArgumentException(
                        "endpoints[" + i + "]: name '" + endpoint.name() + "' is listed twice");
            }
            if (!addresses.add(endpoint.address())) {
                throw new IllegalArgumentException(
                        "endpoints[" + i + "]: address '" + endpoint.address() + "' is listed twice");
            }
            for (String model : engine.models()) {
                if (model == null || model.isBlank()) {
                    throw new IllegalArgumentException("endpoints[" + i + "]: blank model name");
                }
                List<Endpoint> list = byModel.computeIfAbsent(model, m -> new ArrayList<>());
                if (!list.contains(endpoint)) {
                    list.add(endpoint);
                }
            }
        }
        return new EndpointSnapshot(byModel);
    }

    private static Endpoint toEndpoint(@Nullable Engine engine, int index) {
        String at = "endpoints[" + index + "]";
        if (engine == null) {
            throw new IllegalArgumentException(at + " is null");
        }
        if (engine.name() == null || engine.name().isBlank()) {
            throw new IllegalArgumentException(at + ": missing 'name'");
        }
        at = at + " ('" + engine.name() + "')";
        if (engine.host() == null || engine.port() == null || engine.ready() == null || engine.models() == null) {
            throw new IllegalArgumentException(at + ": 'host', 'port', 'ready' and 'models' are required");
        }
        String role = engine.role();
        if (role != null && !"prefill".equals(role) && !"decode".equals(role)) {
            throw new IllegalArgumentException(at + ": role '" + role + "' is not prefill, decode or null");
        }
        int port = engine.port();
        int metricsPort = engine.metricsPort() == null ? port : engine.metricsPort();
        try {
            return new Endpoint(engine.name(), engine.host(), port, metricsPort, role, engine.ready());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(at + ": " + ex.getMessage(), ex);
        }
    }
}
