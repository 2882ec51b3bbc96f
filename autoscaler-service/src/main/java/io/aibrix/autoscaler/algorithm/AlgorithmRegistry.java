package io.aibrix.autoscaler.algorithm;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The decision algorithms by strategy name; a duplicate name fails at construction, an unknown one on lookup. */
public final class AlgorithmRegistry {

    private final Map<String, ScalingAlgorithm> byName = new LinkedHashMap<>();

    public AlgorithmRegistry(Collection<? extends ScalingAlgorithm> algorithms) {
        for (ScalingAlgorithm algorithm : algorithms) {
            String key = algorithm.name().toUpperCase(Locale.ROOT);
            if (byName.putIfAbsent(key, algorithm) != null) {
                throw new IllegalStateException("Scaling algorithm '" + algorithm.name() + "' is registered twice");
            }
        }
    }

    public static AlgorithmRegistry standard() {
        return new AlgorithmRegistry(List.of(new KpaAlgorithm(), new ApaAlgorithm()));
    }

    /** @throws IllegalArgumentException naming the strategy and the known ones */
    public ScalingAlgorithm get(String name) {
        ScalingAlgorithm algorithm = name == null ? null : byName.get(name.toUpperCase(Locale.ROOT));
        if (algorithm == null) {
            throw new IllegalArgumentException("Unknown scaling algorithm '" + name + "'; known: " + byName.keySet());
        }
        return algorithm;
    }
}
