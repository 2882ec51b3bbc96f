package io.aibrix.gateway.discovery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aibrix.gateway.discovery.DiscoveryProperties.StaticModel;
import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointSnapshot;

import org.springframework.lang.Nullable;

/**
 * Turns {@code gateway.discovery.static.models} into a snapshot, refusing anything doubtful: a blank or duplicate
 * model name, a malformed address, an address listed twice for one model, or a model without engines. Every message
 * names the property path and the bad value. No models at all is allowed (every request then gets "unknown model"),
 * so a bare gateway still starts.
 */
final class StaticModels {

    private static final String PREFIX = "gateway.discovery.static.models";

    private StaticModels() {
    }

    /** Static endpoints are always ready; their name is their address. */
    static EndpointSnapshot snapshot(List<StaticModel> models) {
        Map<String, List<Endpoint>> byModel = new LinkedHashMap<>();
        for (int i = 0; i < models.size(); i++) {
            StaticModel model = models.get(i);
            String path = PREFIX + "[" + i + "]";
            String name = model.name();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(path + ".name is blank ('" + name + "')");
            }
            if (!name.equals(name.trim())) {
                throw new IllegalArgumentException(path + ".name '" + name + "' has leading or trailing spaces");
            }
            if (byModel.containsKey(name)) {
                throw new IllegalArgumentException(path + ".name '" + name + "' is configured twice");
            }
            byModel.put(name, endpoints(model, path));
        }
        return new EndpointSnapshot(byModel);
    }

    private static List<Endpoint> endpoints(StaticModel model, String path) {
        Integer metricsPort = model.metricsPort();
        if (metricsPort != null && (metricsPort < 1 || metricsPort > 65535)) {
            throw new IllegalArgumentException(path + ".metrics-port " + metricsPort + " is not in 1..65535");
        }
        List<Endpoint> endpoints = new ArrayList<>();
        Set<String> addresses = new HashSet<>();
        add(endpoints, addresses, model.endpoints(), null, metricsPort, path + ".endpoints");
        add(endpoints, addresses, model.prefill(), "prefill", metricsPort, path + ".prefill");
        add(endpoints, addresses, model.decode(), "decode", metricsPort, path + ".decode");
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException(path + " ('" + model.name() + "') has no endpoints, prefill or decode"
                    + " addresses");
        }
        return endpoints;
    }

    private static void add(List<Endpoint> endpoints, Set<String> seen, List<String> texts, @Nullable String role,
            @Nullable Integer metricsPort, String path) {
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            HostPort hostPort;
            try {
                hostPort = HostPort.parse(text);
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(path + "[" + i + "]: " + ex.getMessage());
            }
            Endpoint endpoint = new Endpoint(hostPort.host() + ":" + hostPort.port(), hostPort.host(),
                    hostPort.port(), metricsPort == null ? hostPort.port() : metricsPort, role, true);
            if (!seen.add(endpoint.address())) {
                throw new IllegalArgumentException(path + "[" + i + "]: address '" + text + "' is listed twice for"
                        + " this model");
            }
            endpoints.add(endpoint);
        }
    }
}
