package io.aibrix.metadata.engines;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.lang.Nullable;

/**
 * The body of {@code GET /v1/registry/endpoints} (docs/metadata-registry-contract.md). The version is a digest of the
 * content, so it changes whenever the endpoints do, equal content always has equal versions, and every replica of
 * the service computes the same one without shared state.
 *
 * @param version   opaque; the ETag is this value quoted
 * @param endpoints every live engine, by name
 */
record RegistryDocument(String version, List<Endpoint> endpoints) {

    /** One engine, every model it serves, and its labels (sorted by key). */
    record Endpoint(String name, String host, int port, @Nullable Integer metricsPort, @Nullable String role,
            boolean ready, List<String> models, Map<String, String> labels) {
    }

    /**
     * @param engines           live engines, sorted by name
     * @param adaptersByEngine  adapter names loaded per engine name (from the adapters' status instances)
     */
    static RegistryDocument of(List<EngineView> engines, Map<String, List<String>> adaptersByEngine) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (EngineView engine : engines) {
            Set<String> models = new LinkedHashSet<>(engine.models());
            models.addAll(adaptersByEngine.getOrDefault(engine.name(), List.of()).stream().sorted().toList());
            endpoints.add(new Endpoint(engine.name(), engine.host(), engine.port(), engine.metricsPort(),
                    engine.role(), engine.ready(), List.copyOf(models), engine.labels()));
        }
        return new RegistryDocument(versionOf(endpoints), List.copyOf(endpoints));
    }

    String etag() {
        return "\"" + version + "\"";
    }

    private static String labels(Map<String, String> labels) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(labels).forEach((key, value) -> text.append(key).append('\u001d').append(value)
                .append('\u001e'));
        return text.toString();
    }

    private static String versionOf(List<Endpoint> endpoints) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Endpoint endpoint : endpoints) {
                // Unit separators keep field boundaries unambiguous ("a","bc" vs "ab","c").
                String line = String.join("\u001f", endpoint.name(), endpoint.host(),
                        String.valueOf(endpoint.port()), String.valueOf(endpoint.metricsPort()),
                        String.valueOf(endpoint.role()), String.valueOf(endpoint.ready()),
                        String.join("\u001e", endpoint.models()), labels(endpoint.labels())) + "\n";
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }
}
